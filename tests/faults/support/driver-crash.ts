// A child for tests/faults/driver-guard.test.ts: postgres.js 3.4.9's own crash (porsager/postgres#1208), caused with the
// bare driver (no transaction guard) under the process-level guard alone, then (argv[3] = "other") an unrelated error.
//   node --import tsx tests/faults/support/driver-crash.ts <database-url> [other]
import postgres from "postgres";
import { guardAgainstDriverCrash } from "../../../db/connection-faults";

const [url, other] = process.argv.slice(2) as [string, string | undefined];
guardAgainstDriverCrash((error) => console.log(JSON.stringify({ survived: error.message })));
const sql = postgres(url, { max: 2, onnotice: () => {} });
const killer = postgres(url, { max: 1, onnotice: () => {} });
let pid: number | null = null;
const transaction = sql.begin(async (tx) => {
  pid = (await tx<Array<{ pid: number }>>`select pg_backend_pid() as pid`)[0]!.pid;
  await tx`select pg_sleep(5)`;
});
// Handled at once: the transaction may reject before the terminating query answers, and a rejection without a
// handler by then ends the process as an unhandled rejection (seen once in 30 runs), which is not the fault under test.
const rejected = transaction.catch((error: Error) => console.log(JSON.stringify({ rejected: (error as { code?: string }).code })));
while (pid === null) await new Promise((resolve) => setTimeout(resolve, 20));
await killer`select pg_terminate_backend(${pid})`;
await rejected;
await new Promise((resolve) => setTimeout(resolve, 200));
console.log(JSON.stringify({ alive: true }));
await killer.end();
await sql.end({ timeout: 1 });
if (other)
  setImmediate(() => {
    throw new Error("an unrelated bug");
  });
