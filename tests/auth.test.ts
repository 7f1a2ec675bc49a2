// Sign-in checks: wrong passwords and unknown emails fail alike; deactivation and role changes apply
// on the very next request because the user is re-read every time.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../db/schema";
import { activeUserById, verifyCredentials } from "../server/auth/users";
import { setUserActive, UserInputError } from "../server/people/users";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel, TEST_PASSWORD } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;
beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
});
afterAll(() => database.close());

describe("credentials", () => {
  it("accept the right password, whatever the email's case", async () => {
    const user = await verifyCredentials(database.db, "OLIVE@test.example", TEST_PASSWORD);
    expect(user).toMatchObject({ email: "olive@test.example", role: "owner" });
  });

  it("refuse a wrong password and an unknown email the same way", async () => {
    expect(await verifyCredentials(database.db, "olive@test.example", "wrong password")).toBeNull();
    expect(await verifyCredentials(database.db, "nobody@test.example", TEST_PASSWORD)).toBeNull();
  });

  it("never store the password in plain text", async () => {
    const [row] = await database.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, people.owner.id));
    expect(row?.hash).toMatch(/^\$2[aby]\$10\$/);
    expect(row?.hash).not.toContain(TEST_PASSWORD);
  });
});

describe("deactivation and role changes", () => {
  it("end access on the next request", async () => {
    expect(await activeUserById(database.db, people.otherOwner.id)).not.toBeNull();
    await setUserActive(database.db, { id: people.admin.id, email: people.admin.email }, { userId: people.otherOwner.id, active: false });
    expect(await activeUserById(database.db, people.otherOwner.id)).toBeNull();
    expect(await verifyCredentials(database.db, "bert@test.example", TEST_PASSWORD)).toBeNull();
  });

  it("apply a new role on the next request", async () => {
    await database.db.update(users).set({ role: "executive" }).where(eq(users.id, people.owner.id));
    expect((await activeUserById(database.db, people.owner.id))?.role).toBe("executive");
    await database.db.update(users).set({ role: "owner" }).where(eq(users.id, people.owner.id));
  });

  it("refuse an admin deactivating themself", async () => {
    await expect(setUserActive(database.db, { id: people.admin.id, email: people.admin.email }, { userId: people.admin.id, active: false })).rejects.toThrow(
      UserInputError,
    );
  });
});
