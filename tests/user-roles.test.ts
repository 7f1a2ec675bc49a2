// Changing someone's role: it takes effect on their next request, is audited, and an admin cannot demote
// themselves (so an account can never lock itself out of setup by accident).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../db/schema";
import { createCaller } from "../server/api/root";
import { activeUserById } from "../server/auth/users";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
});
afterAll(() => database.close());

describe("admin.setUserRole", () => {
  it("changes a role for the next request and records it", async () => {
    const admin = createCaller({ db: database.db, user: people.admin });
    await admin.admin.setUserRole({ userId: people.executive.id, role: "owner" });
    expect((await activeUserById(database.db, people.executive.id))?.role).toBe("owner");
    // The session that still says "executive" is re-read: owner procedures now let them in.
    const promoted = (await activeUserById(database.db, people.executive.id))!;
    await expect(createCaller({ db: database.db, user: promoted }).owners.home()).resolves.toMatchObject({ touchpoints: [] });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, "user.role"));
    expect(audit).toEqual([expect.objectContaining({ before: { role: "executive" }, after: { role: "owner" } })]);
  });

  it("refuses an admin demoting themselves, and non-admins altogether", async () => {
    const admin = createCaller({ db: database.db, user: people.admin });
    await expect(admin.admin.setUserRole({ userId: people.admin.id, role: "executive" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/yourself/),
    });
    await expect(createCaller({ db: database.db, user: people.owner }).admin.setUserRole({ userId: people.owner.id, role: "admin" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
