// Which real database the suites run against: the embedded PostgreSQL (started for the run) or a server.
export type TestDatabaseMode = "embedded" | "postgres";

export function testDatabaseMode(): TestDatabaseMode {
  const mode = process.env.THROUGHLINE_TEST_DATABASE ?? "embedded";
  if (mode !== "embedded" && mode !== "postgres") throw new Error(`THROUGHLINE_TEST_DATABASE must be embedded or postgres, not ${mode}`);
  return mode;
}

/** The PostgreSQL server's maintenance connection, used to create and drop per-run databases. */
export function postgresAdminUrl(): string {
  return process.env.THROUGHLINE_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
