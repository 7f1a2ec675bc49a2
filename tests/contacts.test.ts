// Service contacts, the first layer of failure demand: one write path (all-or-nothing, idempotent by tool
// and id, reasons and reason sets created as seen), roll-ups kept exactly in step (checked against a
// rebuild and through a revert), and demand split by the reason map when read, so remapping needs no rebuild.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestContactBatch, type ContactInput } from "../server/contacts/ingest";
import { splitDemand } from "../server/contacts/demand";
import { readDemand } from "../server/contacts/read";
import { rebuildContactRollups } from "../server/contacts/rollups";
import { failureDemandShare } from "../server/metrics/formulas";
import { revertBatch } from "../server/responses/ingest";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let billId: number;
const actor = { id: null, email: "test" };
const march = { from: "2026-03-01", to: "2026-03-31" };
const contact = (i: number, reasons: string[], over: Partial<ContactInput> = {}): ContactInput => ({
  occurredAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 9 + (i % 8))),
  channel: "phone",
  reasons,
  externalId: `t${i}`,
  handleSeconds: 300,
  ...over,
});
// 40 contacts in March: 20 "charge query" (one with "refund" too), 10 "book a table", 6 "where is my order", 4 with no reason.
const march40: ContactInput[] = [
  ...Array.from({ length: 19 }, (_, i) => contact(i, ["charge query"])),
  contact(19, ["charge query", "refund"], { cost: 12.5 }),
  ...Array.from({ length: 10 }, (_, i) => contact(20 + i, ["book a table"], { channel: "chat", handleSeconds: null })),
  ...Array.from({ length: 6 }, (_, i) => contact(30 + i, ["where is my order"], { channel: "chat" })),
  ...Array.from({ length: 4 }, (_, i) => contact(36 + i, [])),
];

const rollups = () =>
  database.db.execute(sql`select month::text, reason_set_id, channel, location_id, touchpoint_id, contacts, handle_seconds, timed_contacts, cost,
    costed_contacts, uncosted_handle_seconds from contact_monthly_rollups order by 1, 2, 3, 4, 5`);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  billId = (await database.db.execute<{ id: number }>(sql`select id from touchpoints where code = 'BIL-BILL'`))[0]!.id;
});
afterAll(() => database.close());

describe("service contacts", () => {
  it("are written with their reasons, once per tool and id, and rolled up exactly", async () => {
    const first = await ingestContactBatch(database.db, { fileName: "march.csv", fileHash: "m", sourceFormat: "zendesk", source: "zendesk" }, march40);
    expect(first).toMatchObject({ inserted: 40, duplicates: 0 });
    // An overlapping second export: 10 already there, 5 new April contacts.
    const april = Array.from({ length: 5 }, (_, i) => contact(100 + i, ["charge query"], { occurredAt: new Date(Date.UTC(2026, 3, 2 + i)) }));
    const second = await ingestContactBatch(database.db, { fileName: "overlap.csv", fileHash: "o", sourceFormat: "zendesk", source: "zendesk" }, [
      ...march40.slice(0, 10),
      ...april,
    ]);
    expect(second).toMatchObject({ inserted: 5, duplicates: 10 });
    const [counts] = await database.db.execute<{
      reasons: number;
      sets: number;
      contacts: number;
      rolled: number;
      handle: number;
      cost: number;
      uncosted: number;
    }>(sql`
      select (select count(*)::int from contact_reasons) as reasons, (select count(*)::int from contact_reason_sets) as sets,
        (select count(*)::int from service_contacts) as contacts, (select sum(contacts)::int from contact_monthly_rollups) as rolled,
        (select sum(handle_seconds)::int from contact_daily_rollups) as handle, (select sum(cost)::float from contact_monthly_rollups) as cost,
        (select sum(uncosted_handle_seconds)::int from contact_monthly_rollups) as uncosted`);
    // Reasons: charge query, refund, book a table, where is my order; sets: those four combinations and the empty one.
    expect(counts).toEqual({ reasons: 4, sets: 5, contacts: 45, rolled: 45, handle: 35 * 300, cost: 12.5, uncosted: 34 * 300 });
    const incremental = await rollups();
    await database.db.transaction((tx) => rebuildContactRollups(tx));
    expect(await rollups()).toEqual(incremental);
  });

  it("split into failure, value and unclassified demand by the reason map as it is when read", async () => {
    const unmapped = await readDemand(database.db, march);
    expect(unmapped).toMatchObject({ all: 40, failure: 0, value: 0, unclassified: 40 });
    const reason = async (name: string) => (await database.db.execute<{ id: number }>(sql`select id from contact_reasons where name = ${name}`))[0]!.id;
    await database.db.execute(sql`insert into contact_reason_mappings (reason_id, kind, touchpoint_id) values
      (${await reason("charge query")}, 'failure', ${billId}), (${await reason("book a table")}, 'value', null)`);
    const mapped = await readDemand(database.db, march);
    expect(mapped).toMatchObject({ all: 40, failure: 20, value: 10, unclassified: 10 });
    expect(mapped.byTouchpoint.get(billId)?.contacts).toBe(20);
    // 20 of 40: 50% ± 1.96 × √(.25/40) = 15.5 pts.
    const share = failureDemandShare(mapped.failure, mapped.all);
    expect(share).toMatchObject({ status: "ok", n: 40, value: 50 });
    expect(share.status === "ok" && share.margin).toBeCloseTo(15.495, 2);
    // Remapping re-attributes the whole history at once, no rebuild.
    await database.db.execute(sql`update contact_reason_mappings set kind = 'value', touchpoint_id = null where reason_id = ${await reason("charge query")}`);
    expect(await readDemand(database.db, march)).toMatchObject({ failure: 0, value: 30, unclassified: 10 });
  });

  it("count a contact with two causes once, half to each touchpoint", () => {
    const split = splitDemand(
      [
        { reasonSetId: 1, contacts: 4 },
        { reasonSetId: 2, contacts: 2 },
      ],
      new Map([
        [1, [10, 11]],
        [2, [12]],
      ]),
      new Map([
        [10, { kind: "failure", touchpointId: 7 }],
        [11, { kind: "failure", touchpointId: 8 }],
        [12, { kind: "failure", touchpointId: null }],
      ]),
    );
    expect(split).toMatchObject({ all: 6, failure: 4, unclassified: 2 });
    expect([...split.byTouchpoint]).toEqual([
      [7, { contacts: 2, cost: 0 }],
      [8, { contacts: 2, cost: 0 }],
    ]);
  });

  it("leave with their batch when it is reverted, the roll-ups following", async () => {
    const [batch] = await database.db.execute<{ id: number }>(sql`select id from import_batches where file_name = 'overlap.csv'`);
    expect(await revertBatch(database.db, actor, batch!.id)).toBe(5);
    const [left] = await database.db.execute<{ contacts: number; rolled: number }>(sql`
      select (select count(*)::int from service_contacts) as contacts, (select sum(contacts)::int from contact_monthly_rollups) as rolled`);
    expect(left).toEqual({ contacts: 40, rolled: 40 });
  });
});
