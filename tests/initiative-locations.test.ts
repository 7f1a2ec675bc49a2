// Site-level initiatives (a touchpoint at one location): the location's manager may run them there and only
// there, the touchpoint's owner everywhere, executives nowhere (IDOR with real ids); the baseline and impact
// are measured at the site; a location that carries one cannot be deleted.
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../server/api/root";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

type People = Awaited<ReturnType<typeof seedTestModel>>;
let database: TestDatabase;
let people: People;
let hostId: number;
let billId: number;
let site: Record<string, number>;

const as = (user: People["owner"]) => createCaller({ db: database.db, user });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );

beforeAll(async () => {
  database = await createTestDatabase();
  // Olive owns the host greeting and manages the North region and its Leeds site; Bert owns the bill.
  people = await seedTestModel(database.db);
  const ids = await database.db.execute<{ id: number; code: string }>(sql`select id, code from touchpoints`);
  hostId = ids.find((t) => t.code === "SVC-HOST")!.id;
  billId = ids.find((t) => t.code === "BIL-BILL")!.id;
  site = Object.fromEntries((await database.db.execute<{ id: number; code: string }>(sql`select id, code from locations`)).map((l) => [l.code, l.id]));
  // Before 1 May: 40 CSAT answers on the bill at Leeds (10 satisfied), 40 at Bath (all satisfied).
  const rows: ResponseInput[] = Array.from({ length: 80 }, (_, i) => ({
    touchpointId: billId,
    locationId: i < 40 ? site["N-LEEDS"]! : site["S-BATH"]!,
    respondedAt: new Date(Date.UTC(2026, 3, 1 + (i % 28), 12)),
    csat: i < 40 ? (i % 4 === 0 ? 5 : 2) : 5,
    externalId: `b${i}`,
  }));
  await ingestBatch(database.db, { fileName: "f", fileHash: "f", sourceFormat: "test", source: "api" }, rows);
});
afterAll(() => database.close());

describe("site-level initiatives", () => {
  it("let a location's manager start one on any touchpoint there, and only there", async () => {
    const olive = as(people.owner);
    const leeds = await olive.initiatives.create({
      touchpointId: billId,
      locationCode: "N-LEEDS",
      title: "Leeds: explain the bill",
      metricCode: "csat",
      startDate: "2026-05-01",
    });
    expect(leeds.locationId).toBe(site["N-LEEDS"]);
    // Managing the region covers its sites.
    expect(await codeOf(olive.initiatives.create({ touchpointId: billId, locationCode: "N-YORK", title: "York too" }))).toBe("OK");
    expect(await codeOf(olive.initiatives.create({ touchpointId: billId, locationCode: "S-BATH", title: "Not hers" }))).toBe("FORBIDDEN");
    expect(await codeOf(olive.initiatives.create({ touchpointId: billId, title: "Everywhere: not hers" }))).toBe("FORBIDDEN");
    // And to change it later: hers at Leeds, not Bert's program-wide one on his own bill.
    expect(await codeOf(olive.initiatives.update({ id: leeds.id, version: leeds.version, percentComplete: 10 }))).toBe("OK");
    const berts = await as(people.otherOwner).initiatives.create({ touchpointId: billId, title: "Bill everywhere" });
    expect(await codeOf(olive.initiatives.update({ id: berts.id, version: berts.version, percentComplete: 10 }))).toBe("FORBIDDEN");
    expect(await codeOf(olive.initiatives.addUpdate({ initiativeId: berts.id, body: "hello" }))).toBe("FORBIDDEN");
  });

  it("let the touchpoint's owner run it at any site, and refuse whoever owns neither", async () => {
    const bert = as(people.otherOwner);
    expect(await codeOf(bert.initiatives.create({ touchpointId: billId, locationCode: "S-BATH", title: "Bath bill" }))).toBe("OK");
    expect(await codeOf(bert.initiatives.create({ touchpointId: hostId, locationCode: "N-LEEDS", title: "Not his host" }))).toBe("FORBIDDEN");
    expect(await codeOf(as(people.executive).initiatives.create({ touchpointId: billId, locationCode: "N-LEEDS", title: "Exec" }))).toBe("FORBIDDEN");
    expect(await codeOf(bert.initiatives.create({ touchpointId: billId, locationCode: "NOWHERE", title: "Bad code" }))).toBe("BAD_REQUEST");
  });

  it("take the baseline at the site: 10 of Leeds' 40 satisfied, not the 50 of 80 of the whole program", async () => {
    const [row] = await database.db.execute<{ baseline: number; n: number }>(
      sql`select baseline, baseline_response_count as n from initiatives where title = 'Leeds: explain the bill'`,
    );
    expect(row).toEqual({ baseline: 25, n: 40 });
  });

  it("keep a location with an initiative from being deleted", async () => {
    const admin = as(people.admin);
    const usage = await admin.setup.usage({ kind: "location", id: site["N-YORK"]! });
    expect(usage).toMatchObject({ deletable: false, dependants: expect.arrayContaining(["1 site-level initiative"]) });
    expect(await codeOf(admin.setup.remove({ kind: "location", id: site["N-YORK"]! }))).toBe("CONFLICT");
  });
});
