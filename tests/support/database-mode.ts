// Which real database the suites run against, and where the PostgreSQL server is.
export type TestDatabaseMode = "pglite" | "postgres";

export function testDatabaseMode(): TestDatabaseMode {
  const mode = process.env.THROUGHLINE_TEST_DATABASE ?? "pglite";
  if (mode !== "pglite" && mode !== "postgres") throw new Error(`THROUGHLINE_TEST_DATABASE must be pglite or postgres, not ${mode}`);
  return mode;
}

/** The maintenance connection used to create and drop per-run databases. */
export function postgresAdminUrl(): string {
  return process.env.THROUGHLINE_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
