// API tokens carry scopes and an optional expiry, checked on the real route handlers: a token without the
// route's scope gets 403 naming the scope, an expired one 401 saying so, a revoked one 401 at its next request.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "../server/audit";
import { demoMode } from "../server/config";
import { createApiToken, revokeApiToken } from "../server/tokens/api-tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let SCORES: (request: Request) => Promise<Response>;
let CONTACTS: (request: Request) => Promise<Response>;
let RESPONSES: (request: Request) => Promise<Response>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  process.env.DATABASE_URL = database.url;
  ({ GET: SCORES } = await import("../app/api/v1/scores/route"));
  ({ GET: CONTACTS } = await import("../app/api/v1/contacts/route"));
  ({ POST: RESPONSES } = await import("../app/api/v1/responses/route"));
});
afterAll(async () => {
  const { appDatabase } = await import("../server/database");
  await (await appDatabase()).close();
  delete process.env.DATABASE_URL;
  await database.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const scores = (token: string) => SCORES(new Request("http://localhost/api/v1/scores?level=program", { headers: bearer(token) }));
const contacts = (token: string) => CONTACTS(new Request("http://localhost/api/v1/contacts?level=program", { headers: bearer(token) }));
const push = (token: string) =>
  RESPONSES(
    new Request("http://localhost/api/v1/responses", { method: "POST", headers: { ...bearer(token), "content-type": "application/json" }, body: "[]" }),
  );

describe("API token scopes", () => {
  it("default to scores:read, and a route outside the token's scopes answers 403 naming the scope", async () => {
    const reader = await createApiToken(database.db, cliActor, "reader");
    expect((await scores(reader)).status).toBe(200);
    const refused = await push(reader);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/needs the scope responses:write \(it has scores:read\).*--scope responses:write/) });
    expect((await contacts(reader)).status).toBe(403);
  });

  it("admit exactly the routes they name", async () => {
    const contactsOnly = await createApiToken(database.db, cliActor, "contacts", { scopes: ["contacts:read"] });
    expect((await contacts(contactsOnly)).status).toBe(200);
    expect((await scores(contactsOnly)).status).toBe(403);
  });

  it("refuse an unknown scope and a past expiry in words", async () => {
    await expect(createApiToken(database.db, cliActor, "x", { scopes: ["admin" as never] })).rejects.toThrow(/scope: admin is not a scope/);
    await expect(createApiToken(database.db, cliActor, "x", { expiresAt: new Date(Date.now() - 1000) })).rejects.toThrow(
      /expires: the expiry must lie in the future/,
    );
  });
});

describe("API token expiry and revocation", () => {
  it("refuse an expired token with 401 saying when it expired, even one this process checked before", async () => {
    const token = await createApiToken(database.db, cliActor, "short-lived", { expiresAt: new Date(Date.now() + 60_000) });
    expect((await scores(token)).status).toBe(200);
    await database.db.execute(sql`update api_tokens set expires_at = now() - interval '1 second' where name = 'short-lived'`);
    const refused = await scores(token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/^This API token expired on \d{4}-\d{2}-\d{2}; create a new one/) });
  });

  it("refuse a revoked token at its next request", async () => {
    const token = await createApiToken(database.db, cliActor, "revoked-soon");
    expect((await scores(token)).status).toBe(200);
    await revokeApiToken(database.db, cliActor, "revoked-soon");
    expect((await scores(token)).status).toBe(401);
  });
});

describe("demo mode", () => {
  it("is on only with THROUGHLINE_DEMO=1, whatever the database", () => {
    const before = { demo: process.env.THROUGHLINE_DEMO, url: process.env.DATABASE_URL };
    try {
      delete process.env.DATABASE_URL;
      delete process.env.THROUGHLINE_DEMO;
      expect(demoMode()).toBe(false);
      process.env.THROUGHLINE_DEMO = "1";
      expect(demoMode()).toBe(true);
      process.env.THROUGHLINE_DEMO = "0";
      expect(demoMode()).toBe(false);
    } finally {
      process.env.DATABASE_URL = before.url;
      if (before.demo === undefined) delete process.env.THROUGHLINE_DEMO;
      else process.env.THROUGHLINE_DEMO = before.demo;
    }
  });
});
