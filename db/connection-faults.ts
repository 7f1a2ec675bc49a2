// What a lost database connection looks like to the driver (postgres.js, under Drizzle's wrapper), so that callers
// can say "the database is not answering" instead of a stack trace; and the driver's fault when a transaction's
// connection dies, kept from poisoning the pool (at the transaction) and from killing the process (if it gets through).
import type postgres from "postgres";

/** postgres.js' own codes for a connection that closed, never opened or timed out opening. */
const driverCodes = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECTION_ENDED", "CONNECT_TIMEOUT"]);
/** The socket's codes: refused, reset, broken or unreachable. */
const socketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ENOTFOUND"]);
/**
 * PostgreSQL's: class 08 (connection exception), 57P01–57P03 (terminated by an administrator or a shutdown, crash
 * shutdown, cannot connect now: starting up or shutting down), 53300 (too many connections).
 */
const serverCode = /^(08...|57P0[123]|53300)$/;

/** True when the error (or one it wraps: Drizzle puts the driver's error in `cause`) is a lost or refused connection. */
export function isConnectionFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (driverCodes.has(code) || socketCodes.has(code) || serverCode.test(code))) return true;
  }
  return false;
}

/**
 * postgres.js 3.4.9 (porsager/postgres#1208): when a transaction's connection dies, the driver's own ROLLBACK is
 * written from a setImmediate to the socket it has just dropped, and the TypeError thrown there is uncaught. The
 * transaction has already been rejected with CONNECTION_CLOSED by then, so the error carries nothing to act on.
 */
export function isClosedSocketWrite(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /Cannot read properties of null \(reading 'write'\)/.test(error.message) &&
    /[\\/]postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? "")
  );
}

/**
 * The same fault, caught at the transaction. When a transaction's connection closes, postgres.js rejects `begin` at
 * once (it races the transaction against the connection's close), then still sends ROLLBACK (or COMMIT) to the socket
 * it has dropped: the TypeError above, and worse, the connection is left with a write pending that is never flushed,
 * so every later use of it timed out connecting (measured: each query on it failed after connect_timeout, for good).
 * So the transaction's callback, once `begin` has settled before it did, never settles: nothing more is sent on the
 * dead connection, and the caller has its CONNECTION_CLOSED already. Costs one event-loop turn per transaction.
 * The connection it leaves behind stays reserved for good: `strandedConnection` tells close() not to wait for it.
 */
export function guardTransactions(client: postgres.Sql): void {
  const { begin } = client;
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  client.begin = ((...args: unknown[]) => {
    const work = args.pop() as (sql: postgres.TransactionSql) => unknown;
    let settled = false;
    const never = new Promise<never>(() => {});
    const guarded = async (sql: postgres.TransactionSql) => {
      let result: unknown;
      try {
        result = await work(sql);
      } catch (error) {
        await nextTurn();
        if (settled) return strand(client, never);
        throw error;
      }
      await nextTurn();
      return settled ? strand(client, never) : result;
    };
    const transaction = (begin as (...a: unknown[]) => Promise<unknown>).apply(client, [...args, guarded]);
    transaction.then(
      () => (settled = true),
      () => (settled = true),
    );
    return transaction;
  }) as typeof begin;
}

const stranded = new WeakSet<postgres.Sql>();
const strand = <T>(client: postgres.Sql, never: Promise<T>): Promise<T> => (stranded.add(client), never);

/**
 * True once a transaction of this client lost its connection: postgres.js's end() waits for that connection until its
 * timeout (it measured 5 s at the end of every interrupted CLI import), so close() ends such a client at once.
 */
export const strandedConnection = (client: postgres.Sql): boolean => stranded.has(client);

type Report = (error: Error) => void;
const state = globalThis as typeof globalThis & { __throughlineDriverGuard?: { report: Report } };

/**
 * Keep the process alive through that one crash (the app, a CLI import that wants to say what happened, a job
 * runner): log it and go on. Any other uncaught exception is left to whoever else listens (Next.js logs them,
 * Vitest reports them); with no one else, the process ends as Node would end it, printing the error, exit code 1.
 */
export function guardAgainstDriverCrash(report?: Report): void {
  if (state.__throughlineDriverGuard) {
    if (report) state.__throughlineDriverGuard.report = report;
    return;
  }
  const guard = (state.__throughlineDriverGuard = {
    report: report ?? ((error: Error) => console.error(`[throughline] survived a database driver fault after a lost connection: ${error.message}`)),
  });
  const onUncaught = (error: unknown) => {
    if (isClosedSocketWrite(error)) return guard.report(error as Error);
    if (process.listenerCount("uncaughtException") > 1) return;
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", onUncaught);
}
