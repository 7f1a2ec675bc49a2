// An unexpected error never reaches anyone as SQL or a stack trace: with the roll-up tables gone, tRPC over
// HTTP, the server-side caller and the scores API answer "Something went wrong (reference …)", and the log
// gets the original error with that reference, the route and the user.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appRouter, createCaller } from "../server/api/root";
import type { SessionUser } from "../server/auth/users";
import { log } from "../server/log";
import { createApiToken } from "../server/tokens/api-tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

const SQL_TEXT = /\bselect\b|\bfrom\b|failed query|relation|params:|\bwhere\b|at async|\.ts:\d+/i;
const REFERENCE = /^Something went wrong \(reference ([0-9a-f]{8})\)/;

let database: TestDatabase;
let admin: SessionUser;
let token: string;
let GET: (request: Request) => Promise<Response>;
const logged = vi.spyOn(log, "error");

beforeAll(async () => {
  database = await createTestDatabase();
  admin = (await seedTestModel(database.db)).admin;
  token = await createApiToken(database.db, { id: null, email: "test" }, "internals");
  // The failure nobody planned for: the tables every score view reads are gone.
  await database.db.execute(sql`drop table touchpoint_monthly_rollups, touchpoint_daily_rollups cascade`);
  process.env.DATABASE_URL = database.url;
  process.env.THROUGHLINE_SCORE_CACHE = "0";
  ({ GET } = await import("../app/api/v1/scores/route"));
});
afterAll(async () => {
  const { appDatabase } = await import("../server/database");
  await (await appDatabase()).close();
  delete process.env.DATABASE_URL;
  delete process.env.THROUGHLINE_SCORE_CACHE;
  await database.close();
});

function loggedReference(reference: string) {
  const call = logged.mock.calls.find(([fields]) => (fields as { reference?: string }).reference === reference);
  return call?.[0] as { reference: string; route: string; userId: number | null; err: unknown } | undefined;
}

describe("unexpected errors", () => {
  it("answer tRPC over HTTP with a reference and no SQL", async () => {
    const request = new Request(`http://localhost/api/trpc/dashboard.overview?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: async () => ({ db: database.db, readDb: database.db, user: admin }),
    });
    const body = await response.text();
    expect(response.status).toBe(500);
    expect(body).not.toMatch(SQL_TEXT);
    const message = (JSON.parse(body) as { error: { json: { message: string } } }).error.json.message;
    const reference = REFERENCE.exec(message)?.[1];
    expect(reference).toBeDefined();
    expect(loggedReference(reference!)).toMatchObject({
      route: "trpc:dashboard.overview",
      userId: admin.id,
      err: expect.objectContaining({ message: expect.stringMatching(/touchpoint_(daily|monthly)_rollups/) }),
    });
  });

  it("reach a page as the same reference (the digest its error boundary shows)", async () => {
    const failure = await createCaller({ db: database.db, user: admin })
      .dashboard.overview({})
      .then(
        () => ({ code: "OK", message: "", digest: undefined }),
        (error: unknown) => error as { code: string; message: string; digest?: string },
      );
    expect(failure).toMatchObject({ code: "INTERNAL_SERVER_ERROR", message: expect.stringMatching(REFERENCE) });
    expect(failure.message).not.toMatch(SQL_TEXT);
    expect(failure.digest).toBe(REFERENCE.exec(failure.message)![1]);
  });

  it("answer the scores API with 500, a reference and no SQL", async () => {
    const response = await GET(new Request("http://localhost/api/v1/scores?level=program", { headers: { authorization: `Bearer ${token}` } }));
    const body = await response.text();
    expect(response.status).toBe(500);
    expect(body).not.toMatch(SQL_TEXT);
    const { error, reference } = JSON.parse(body) as { error: string; reference: string };
    expect(error).toMatch(REFERENCE);
    expect(loggedReference(reference)).toMatchObject({ route: "GET /api/v1/scores" });
  });
});
