// The admins' audit log: filtered by who, by area or exact action, by day, and paged newest first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../db/schema";
import { listAuditEntries } from "../server/audit-log";
import { createTestDatabase, type TestDatabase } from "./support/database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const at = (day: number) => new Date(Date.UTC(2026, 2, day, 12));
  await database.db.insert(auditLog).values([
    { actorEmail: "ada@test.example", action: "initiative.create", entityType: "initiative", entityId: "1", createdAt: at(1) },
    { actorEmail: "ada@test.example", action: "initiative.update", entityType: "initiative", entityId: "1", createdAt: at(2) },
    { actorEmail: "bert@test.example", action: "setting.update", entityType: "setting", entityId: "minimum_sample", createdAt: at(3) },
    { actorEmail: "cli", action: "import.batch", entityType: "import_batch", entityId: "7", createdAt: at(4) },
    ...Array.from({ length: 105 }, (_, i) => ({
      actorEmail: "bulk@test.example",
      action: "user.add",
      entityType: "user",
      entityId: String(i),
      createdAt: at(10),
    })),
  ]);
});
afterAll(() => database.close());

describe("audit log", () => {
  it("filters by who, by area, by exact action and by day", async () => {
    expect((await listAuditEntries(database.db, { who: "ADA@" })).entries.map((e) => e.action)).toEqual(["initiative.update", "initiative.create"]);
    expect((await listAuditEntries(database.db, { what: "initiative" })).entries).toHaveLength(2);
    expect((await listAuditEntries(database.db, { what: "initiative.update" })).entries).toHaveLength(1);
    expect((await listAuditEntries(database.db, { from: "2026-03-03", to: "2026-03-04" })).entries.map((e) => e.action)).toEqual([
      "import.batch",
      "setting.update",
    ]);
    // Wildcards in the filter are taken literally.
    expect((await listAuditEntries(database.db, { who: "%" })).entries).toHaveLength(0);
  });

  it("pages newest first, a hundred at a time", async () => {
    const first = await listAuditEntries(database.db, {});
    expect(first.entries).toHaveLength(100);
    expect(first.nextBefore).not.toBeNull();
    const second = await listAuditEntries(database.db, { before: first.nextBefore! });
    expect(second.entries).toHaveLength(9);
    expect(second.nextBefore).toBeNull();
    expect(new Set([...first.entries, ...second.entries].map((e) => e.id)).size).toBe(109);
  });
});
