// tRPC over HTTP refuses a batch of more than TRPC_MAX_BATCH_SIZE calls and a body over TRPC_MAX_BODY_BYTES
// with words, before any procedure runs; a batch within the cap is served.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES } from "../lib/limits";
import { handleTrpcRequest } from "../server/api/http";
import type { SessionUser } from "../server/auth/users";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let admin: SessionUser;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = (await seedTestModel(database.db)).admin;
});
afterAll(() => database.close());

const context = async () => ({ db: database.db, readDb: database.db, user: admin });
const batchOf = (count: number) => {
  const paths = Array.from({ length: count }, () => "admin.users").join(",");
  const input = Object.fromEntries(Array.from({ length: count }, (_, i) => [i, { json: null }]));
  return new Request(`http://localhost/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
};

describe("tRPC limits", () => {
  it("serves a batch within the cap", async () => {
    const response = await handleTrpcRequest(batchOf(TRPC_MAX_BATCH_SIZE), context);
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBe(TRPC_MAX_BATCH_SIZE);
  });

  it("refuses a larger batch with a 400", async () => {
    const response = await handleTrpcRequest(batchOf(TRPC_MAX_BATCH_SIZE + 1), context);
    expect(response.status).toBe(400);
  });

  it("refuses a body over the limit with 413 and words, counting what arrives", async () => {
    const big = JSON.stringify({ 0: { json: { name: "x".repeat(TRPC_MAX_BODY_BYTES) } } });
    // No Content-Length: a chunked body is counted as it streams.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const request = new Request("http://localhost/api/trpc/setup.createDepartment?batch=1", {
      method: "POST",
      body: stream,
      duplex: "half",
      headers: { "content-type": "application/json" },
    } as RequestInit);
    const response = await handleTrpcRequest(request, context);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/at most 1 MB/);
  });
});
