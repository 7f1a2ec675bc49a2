// The scores API answers a repeated question without a database round trip while the change feed listens, and
// never from what it kept once a token is revoked or the data changed, here or in another process; with the feed down
// it asks the database every time, and the feed comes back by itself.
import crypto from "node:crypto";
import { sql as sqlText } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { API_TOKENS_CHANNEL, changeFeed, DATA_CHANGES_CHANNEL, type ChangeFeed } from "../db/changes";
import type { Database } from "../db/client";
import * as schema from "../db/schema";
import { cliActor } from "../server/audit";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import type { ScoreRow } from "../server/scores/api";
import { currentDataVersion } from "../server/scores/cache";
import { createApiToken, revokeApiToken } from "../server/tokens/api-tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
/** Another app process's connection: its commits are known here only by their notifications. */
let elsewhere: postgres.Sql;
let elsewhereDb: Database;
let appDb: Database;
let feed: ChangeFeed;
let hostId: number;
let GET: (request: Request) => Promise<Response>;
let statements = 0;

const march = "level=program&from=2026-03-01&to=2026-03-31";
const responses = (n: number, tag: string): ResponseInput[] =>
  Array.from({ length: n }, (_, i) => ({
    touchpointId: hostId,
    respondedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 12)),
    csat: 5,
    externalId: `${tag}${i}`,
  }));
const get = (token: string, query = march) => GET(new Request(`http://localhost/api/v1/scores?${query}`, { headers: { authorization: `Bearer ${token}` } }));
const csatN = async (token: string) => {
  const response = await get(token);
  expect(response.status).toBe(200);
  return ((await response.json()) as { rows: ScoreRow[] }).rows[0]!.n.csat;
};
/** How many statements the app's client sent while `work` ran. */
const statementsOf = async (work: () => Promise<unknown>) => {
  const before = statements;
  await work();
  return statements - before;
};
const newToken = (name: string) => createApiToken(database.db, cliActor, name);
/** Until a request is answered from what is kept: the first ones check the token, and writing its last use is a commit. */
const untilKept = async (token: string) => {
  const hash = crypto.createHash("sha256").update(token).digest("hex");
  await csatN(token);
  await vi.waitFor(async () => expect((await elsewhere`select 1 from api_tokens where token_hash = ${hash} and last_used_at is not null`).length).toBe(1));
  await vi.waitFor(async () => expect(await statementsOf(() => csatN(token))).toBe(0), { timeout: 5_000 });
};
const terminateListener = () =>
  elsewhere`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'throughline listener'`;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  const [host] = await database.db.execute<{ id: number }>(sqlText`select id from touchpoints where code = 'SVC-HOST'`);
  hostId = host!.id;
  await ingestBatch(database.db, { fileName: "a", fileHash: "a", sourceFormat: "test", source: "api" }, responses(40, "a"));
  elsewhere = postgres(database.url, { max: 2, onnotice: () => {} });
  elsewhereDb = drizzle(elsewhere, { schema, casing: "snake_case" }) as Database;
  process.env.DATABASE_URL = database.url;
  ({ GET } = await import("../app/api/v1/scores/route"));
  const { appDatabase } = await import("../server/database");
  appDb = (await appDatabase()).db;
  const client = appDb.$client as unknown as { unsafe: (...args: unknown[]) => unknown };
  const unsafe = client.unsafe.bind(client);
  client.unsafe = (...args: unknown[]) => ((statements += 1), unsafe(...args));
  feed = changeFeed(appDb)!;
  await feed.whenListening();
});
afterAll(async () => {
  const { appDatabase } = await import("../server/database");
  await (await appDatabase()).close();
  delete process.env.DATABASE_URL;
  await elsewhere.end();
  await database.close();
});

describe("the scores API's hot path", () => {
  it("answers a repeated request without a statement once the feed listens", async () => {
    const token = await newToken("repeat");
    expect(await csatN(token)).toBe(40);
    await untilKept(token);
  });

  it("refuses the very next request after a revocation in this process", async () => {
    const token = await newToken("here");
    await untilKept(token);
    await revokeApiToken(appDb, cliActor, "here");
    expect((await get(token)).status).toBe(401);
  });

  it("refuses once the notification of a revocation in another process arrived", async () => {
    const token = await newToken("there");
    await untilKept(token);
    const heard = feed.nextChange(API_TOKENS_CHANNEL);
    await elsewhere`update api_tokens set revoked_at = now() where name = 'there'`;
    await heard;
    expect((await get(token)).status).toBe(401);
  });

  it("sees an import committed elsewhere at the next request, not the answer kept before it", async () => {
    const token = await newToken("import");
    expect(await csatN(token)).toBe(40);
    await untilKept(token);
    const version = await currentDataVersion(appDb);
    const heard = feed.nextChange(DATA_CHANGES_CHANNEL);
    await ingestBatch(elsewhereDb, { fileName: "b", fileHash: "b", sourceFormat: "test", source: "api" }, responses(5, "b"));
    await heard;
    expect(await currentDataVersion(appDb)).not.toBe(version);
    expect(await csatN(token)).toBe(45);
  });

  it("asks the database every time while the feed is down, stays right, and listens again by itself", async () => {
    const token = await newToken("down");
    const before = await csatN(token);
    await untilKept(token);
    await terminateListener();
    // The feed's epochs move the moment it stops listening, well before it can have listened again.
    while (feed.listening) await feed.nextChange(API_TOKENS_CHANNEL);
    // Down: changes elsewhere count at once, without any notification.
    await elsewhere`update api_tokens set revoked_at = now() where name = 'down'`;
    expect((await get(token)).status).toBe(401);
    const other = await newToken("other");
    await ingestBatch(elsewhereDb, { fileName: "c", fileHash: "c", sourceFormat: "test", source: "api" }, responses(3, "c"));
    expect(await csatN(other)).toBe(before + 3);

    await feed.whenListening();
    const again = await newToken("again");
    await untilKept(again);
  });
});
