// One set of model rules: the setup form, the model file and initiatives refuse the same owners (an
// executive, a deactivated person, someone who does not exist) with the same words, never a 500.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_DATABASE_ID } from "../lib/limits";
import { createCaller } from "../server/api/root";
import { ownerProblem } from "../server/model/rules";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel, testModel } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;
let hostId: number;
let serviceId: number;
const admin = () => createCaller({ db: database.db, user: people.admin });

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  const [row] = await database.db.execute<{ host: number; service: number }>(
    sql`select (select id from touchpoints where code = 'SVC-HOST') as host, (select id from departments where name = 'Service') as service`,
  );
  hostId = row!.host;
  serviceId = row!.service;
});
afterAll(() => database.close());

const executiveWords = /Eve Exec is an executive, who can read but not run initiatives/;

describe("who may own a touchpoint or an initiative", () => {
  it("is stated once", () => {
    expect(ownerProblem({ name: "Olive", role: "owner", active: true })).toBeUndefined();
    expect(ownerProblem({ name: "Ada", role: "admin", active: true })).toBeUndefined();
    expect(ownerProblem({ name: "Eve Exec", role: "executive", active: true })).toMatch(executiveWords);
    expect(ownerProblem({ name: "Gone", role: "owner", active: false })).toMatch(/deactivated/);
    expect(ownerProblem(undefined)).toMatch(/no such person/);
  });

  it("is applied by the setup form", async () => {
    const form = {
      code: "SVC-NEW",
      name: "New",
      channel: "in_person" as const,
      departmentId: serviceId,
      momentOfTruth: false,
      weight: 1,
      description: null,
      targets: {},
      stageIds: [],
    };
    await expect(admin().setup.createTouchpoint({ ...form, ownerId: people.executive.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(executiveWords),
    });
    await expect(admin().setup.createTouchpoint({ ...form, ownerId: MAX_DATABASE_ID })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/no such person/),
    });
  });

  it("is applied by the model file", async () => {
    const document = structuredClone(testModel);
    document.touchpoints[0]!.owner = "exec@test.example";
    const refused = await admin().admin.importModel({ document });
    expect(refused).toMatchObject({ ok: false, problems: [{ path: "touchpoints[0].owner", message: expect.stringMatching(executiveWords) }] });
  });

  it("is applied when an initiative is created or handed over", async () => {
    const create = (ownerId: number) =>
      createCaller({ db: database.db, user: people.owner }).initiatives.create({ touchpointId: hostId, title: "Warmer welcome", ownerId });
    await expect(create(people.executive.id)).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(executiveWords) });
    await expect(create(MAX_DATABASE_ID)).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^ownerId: no such person/) });
    const created = await create(people.owner.id);
    await expect(
      createCaller({ db: database.db, user: people.owner }).initiatives.update({ id: created.id, version: created.version, ownerId: people.executive.id }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(executiveWords) });
    const [row] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from initiatives where owner_id = ${people.executive.id}`);
    expect(row!.n).toBe(0);
  });
});
