// `npm run bench:fill -- <url> <responses>`: a persistent database with the benchmark's model and data, for
// profiling one view at a time against 1M or 10M responses without the full bench run. Drops nothing.
import { sql } from "drizzle-orm";
import { createDatabaseClient, migrateDatabase } from "@/db/client";
import { createBenchModel, fillResponses } from "./generate";

async function main() {
  const [url, count] = process.argv.slice(2);
  if (!url || !count) throw new Error("usage: bench/fill-database.ts <database url> <responses>");
  const connection = createDatabaseClient(url, "postgres");
  try {
    await migrateDatabase(connection.db);
    await createBenchModel(connection.db);
    await fillResponses(connection.db, Number(count));
    await connection.db.execute(sql`vacuum analyze`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
