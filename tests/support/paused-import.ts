// A child process for tests/import-crash.test.ts: runs one import and, at the progress point it is given, freezes in the
// middle of the import's transaction until the test has killed it (or its connection) and says go on.
//   node --conditions=react-server --import tsx tests/support/paused-import.ts <file> <kind> <phase> <rows> <go-file>
// Prints one JSON line when paused ({"paused":true}) and one at the end ({"summary":…} or {"error":"…"}).
import fs from "node:fs";
import path from "node:path";
import { createDatabaseClient } from "../../db/client";
import { importFile } from "../../server/imports/pipeline";
import { testDatabaseMode } from "./database-mode";
import { generatedSurveyMapping } from "./import-golden";

const [file, kind, phase, rows, goFile] = process.argv.slice(2) as [string, "responses" | "contacts", "checking" | "writing", string, string];
const atRows = Number(rows);

/** Blocks the whole process (the event loop too, so not a byte more goes to the server) until the go file appears. */
function freezeUntilGo(): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + 30_000;
  while (!fs.existsSync(goFile) && Date.now() < until) Atomics.wait(sleeper, 0, 0, 10);
}

const connection = createDatabaseClient(process.env.DATABASE_URL!, testDatabaseMode(), { maxConnections: 2 });
let paused = false;
try {
  const summary = await importFile(connection.db, file, {
    fileName: path.basename(file),
    actor: { id: null, email: "test" },
    ...(kind === "responses" ? { mapping: generatedSurveyMapping } : {}),
    onProgress: (progress) => {
      // "writing" 0 comes once the rows are staged; any other count there, once they are inserted (before the roll-ups).
      const here = progress.phase === phase && (phase === "checking" || atRows === 0 ? progress.rows === atRows : progress.rows > 0);
      if (paused || !here) return;
      paused = true;
      process.stdout.write(`${JSON.stringify({ paused: true })}\n`);
      freezeUntilGo();
    },
  });
  process.stdout.write(`${JSON.stringify({ summary })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exitCode = 1;
} finally {
  await connection.close().catch(() => {});
}
