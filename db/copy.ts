// Bulk loads with `COPY … FROM STDIN` inside a Drizzle transaction: the postgres.js client behind the transaction,
// COPY's text encoding, and a writer that streams encoded rows with backpressure and yields to the event loop.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { Queryable } from "./client";

/**
 * The postgres.js connection a Drizzle transaction runs on (drizzle-orm/postgres-js keeps it as the session's
 * client): COPY streams are postgres.js's, and they must travel on the transaction's own connection.
 */
export function transactionClient(tx: Queryable): postgres.Sql {
  const client = (tx as unknown as { session?: { client?: postgres.Sql } }).session?.client;
  if (!client) throw new Error("COPY needs a postgres.js transaction");
  return client;
}

export type CopyValue = string | number | boolean | null | undefined;

const special = /[\\\t\n\r]/;
const specials = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One field in COPY's text format: \N for null, backslash escapes for the four characters that need them. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value !== "string") return String(value);
  return special.test(value) ? value.replace(specials, (c) => escapes[c]!) : value;
}

/** One row in COPY's text format, newline included. */
export const copyLine = (values: readonly CopyValue[]): string => `${values.map(copyField).join("\t")}\n`;

/** A PostgreSQL array literal of integers, `{1,2}`, or null for none. */
export const intArray = (values: readonly number[] | null | undefined): string | null => (values ? `{${values.join(",")}}` : null);

const FLUSH_CHARS = 256 * 1024;
/** How long the loop may hold the event loop before it lets other requests (timers, sockets) run. */
const SLICE_MS = 20;

/** Gives the event loop a turn when the caller has held it for more than a slice: long loops call it per row. */
export function eventLoopYielder(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let since = performance.now();
  let calls = 0;
  return () => {
    // performance.now() is cheap, but not free at millions of rows: look at the clock every 256 calls.
    if ((++calls & 255) !== 0 || performance.now() - since < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}

/**
 * COPY `lines` (each one encoded row, from `copyLine`) into `table (columns)` on the transaction's connection.
 * A throw from `lines` fails the COPY (CopyFail), so the transaction rolls back with the caller's error.
 */
export async function copyInto(tx: Queryable, table: string, columns: readonly string[], lines: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const client = transactionClient(tx);
  const stream = await client.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  const yieldTurn = eventLoopYielder();
  async function* batched() {
    let buffer = "";
    for await (const line of lines) {
      buffer += line;
      if (buffer.length >= FLUSH_CHARS) {
        yield buffer;
        buffer = "";
      }
      await yieldTurn();
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(batched()), stream);
}

/** Rows one by one, from an array, a stream of rows or a stream of chunks (the seed streams chunks). */
export async function* eachRow<R>(rows: Iterable<R | R[]> | AsyncIterable<R | R[]>): AsyncGenerator<R> {
  for await (const item of rows) {
    if (Array.isArray(item)) yield* item as R[];
    else yield item;
  }
}

export type StagedRows<R> = Iterable<R | R[]> | AsyncIterable<R | R[]>;

/**
 * Create this transaction's staging table `table (definition)` (temporary, dropped at commit or rollback, so a
 * crash leaves nothing behind), COPY `rows` into `columns` as `line` encodes each (with its 1-based order), and
 * analyze it for the statements that read it. Returns how many rows were staged.
 */
export async function stageRows<R>(
  tx: Queryable,
  table: string,
  definition: string,
  columns: readonly string[],
  rows: StagedRows<R>,
  line: (row: R, ord: number) => string,
): Promise<number> {
  await tx.execute(sql.raw(`drop table if exists pg_temp.${table}`));
  await tx.execute(sql.raw(`create temp table ${table} (${definition}) on commit drop`));
  let staged = 0;
  await copyInto(
    tx,
    table,
    columns,
    (async function* () {
      for await (const row of eachRow(rows)) yield line(row, ++staged);
    })(),
  );
  await tx.execute(sql.raw(`analyze ${table}`));
  return staged;
}
