// A fresh install with only an admin: every page's data source answers with empty lists, never an error,
// so every page can show its empty state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../server/api/root";
import { activeUserById } from "../server/auth/users";
import { addUser } from "../server/people/users";
import { listDemoAccounts } from "../server/seed/demo-accounts";
import { createTestDatabase, type TestDatabase } from "./support/database";

let database: TestDatabase;
let caller: ReturnType<typeof createCaller>;
beforeAll(async () => {
  database = await createTestDatabase();
  const id = await addUser(
    database.db,
    { id: null, email: "test" },
    { email: "first@test.example", name: "First Admin", role: "admin", password: "long enough pw" },
  );
  caller = createCaller({ db: database.db, user: await activeUserById(database.db, id) });
});
afterAll(() => database.close());

describe("an empty database", () => {
  it("gives every page empty lists", async () => {
    expect(await caller.model.journeyMap()).toEqual([]);
    expect(await caller.model.touchpoints()).toEqual([]);
    expect(await caller.model.departments()).toEqual([]);
    expect(await caller.owners.home()).toEqual({ period: null, compareTo: null, currency: "GBP", touchpoints: [] });
    expect(await caller.admin.users()).toHaveLength(1);
    expect(await caller.admin.exportModel()).toMatchObject({ departments: [], touchpoints: [], journeys: [] });
    expect(await listDemoAccounts(database.db)).toEqual([]);
  });
});
