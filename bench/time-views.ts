// `npm run bench:views -- <url> [runs]`: every view's cold p50/p95 on a persistent benchmark database (see
// bench:fill), with the score cache off, to profile one change without the full bench run. Reads only.
import { createDatabaseClient } from "@/db/client";
import { timeViews } from "./views";

async function main() {
  const [url, runs = "20"] = process.argv.slice(2);
  if (!url) throw new Error("usage: bench/time-views.ts <database url> [runs]");
  process.env.THROUGHLINE_SCORE_CACHE = "0";
  const connection = createDatabaseClient(url, "postgres");
  try {
    for (const view of await timeViews(connection.db, Number(runs))) {
      console.log(`${view.name.padEnd(16)} p50 ${view.p50.toFixed(1).padStart(7)} ms   p95 ${view.p95.toFixed(1).padStart(7)} ms`);
    }
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
