// The ownership rule every owner-facing change goes through: admins change anything, owners only their
// own touchpoints, executives nothing; and respondents' personal data follows the same owners.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertCanChangeTouchpoint, mayReadPersonalData } from "../server/auth/ownership";
import { DomainError } from "../server/errors";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;
let hostId: number;
beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  const [row] = await database.db.execute<{ id: number }>(sql`select id from touchpoints where code = 'SVC-HOST'`);
  hostId = row!.id;
});
afterAll(() => database.close());

const codeOf = (promise: Promise<void>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof DomainError ? error.kind : "OTHER"),
  );

describe("touchpoint ownership", () => {
  it("lets the owner and admins change a touchpoint, and refuses another owner and executives", async () => {
    expect(await codeOf(assertCanChangeTouchpoint(database.db, people.owner, hostId))).toBe("OK");
    expect(await codeOf(assertCanChangeTouchpoint(database.db, people.admin, hostId))).toBe("OK");
    expect(await codeOf(assertCanChangeTouchpoint(database.db, people.otherOwner, hostId))).toBe("forbidden");
    expect(await codeOf(assertCanChangeTouchpoint(database.db, people.executive, hostId))).toBe("forbidden");
    expect(await codeOf(assertCanChangeTouchpoint(database.db, people.admin, 999_999))).toBe("not_found");
  });

  it("shows respondents' personal data to admins and the touchpoint's owner only", () => {
    expect(mayReadPersonalData(people.admin, people.owner.id)).toBe(true);
    expect(mayReadPersonalData(people.owner, people.owner.id)).toBe(true);
    expect(mayReadPersonalData(people.otherOwner, people.owner.id)).toBe(false);
    expect(mayReadPersonalData(people.executive, people.owner.id)).toBe(false);
  });
});
