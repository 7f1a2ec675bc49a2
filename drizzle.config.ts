// drizzle-kit configuration: generates SQL migrations from db/schema into db/migrations.
// `casing` must match the runtime client (db/client.ts) so column names agree.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
