// Runs one import in a process of its own, so its peak memory (maxRSS) is the importer's alone.
// Usage: tsx bench/import-worker.ts <database-url> <file> [contacts <time zone>]; prints {seconds, imported, peakRssMb} as JSON.
import { createDatabaseClient } from "@/db/client";
import { cliActor } from "@/server/audit";
import { importFile } from "@/server/imports/pipeline";

async function main() {
  const [url, file, kind, timeZone] = process.argv.slice(2);
  if (!url || !file) throw new Error("usage: import-worker <database-url> <file>");
  const connection = createDatabaseClient(url, "postgres");
  const started = performance.now();
  const summary = await importFile(connection.db, file, {
    fileName: file,
    actor: cliActor,
    ...(kind === "contacts" ? { kind: "contacts" as const, timeZone } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  await connection.close();
  if (summary.status !== "imported") throw new Error(`import ${summary.status}: ${summary.message}`);
  // resourceUsage().maxRSS is in kilobytes.
  // Marked, so the bench finds it among any log lines the app's modules print to stdout.
  console.log(`bench-result ${JSON.stringify({ seconds, imported: summary.imported, peakRssMb: process.resourceUsage().maxRSS / 1024 })}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
