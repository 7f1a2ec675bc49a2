// Admin setup through the tRPC procedures the pages use: departments, journeys with reordered stages,
// touchpoints with targets and placements, deletion only without data, invitations, and the audit trail.
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, userInvitations } from "../db/schema";
import { appRouter, createCaller } from "../server/api/root";
import { verifyCredentials } from "../server/auth/users";
import { acceptInvitation, InvitationError, readInvitation } from "../server/people/invitations";
import { ingestBatch } from "../server/responses/ingest";
import { loadScoreModel } from "../server/scores/model";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;
const admin = () => createCaller({ db: database.db, user: people.admin });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );
const messageOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "",
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );

async function lastAudit(action: string) {
  const [row] = await database.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

async function idOf(table: "departments" | "journeys" | "touchpoints", column: "name" | "code", value: string): Promise<number> {
  const [row] = await database.db.execute<{ id: number }>(sql`select id from ${sql.identifier(table)} where ${sql.identifier(column)} = ${value}`);
  return row!.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
});
afterAll(() => database.close());

describe("departments", () => {
  it("creates and edits one, refuses a duplicate name, and audits both changes", async () => {
    const created = await admin().setup.createDepartment({ name: "Marketing", description: "Ads and offers", headUserId: people.admin.id });
    expect(await codeOf(admin().setup.createDepartment({ name: "Marketing" }))).toBe("CONFLICT");
    expect(await codeOf(admin().setup.updateDepartment({ id: created.id, name: "Service", description: null, headUserId: null }))).toBe("CONFLICT");
    await admin().setup.updateDepartment({ id: created.id, name: "Brand marketing", description: "", headUserId: null });
    const [row] = await database.db.execute<{ name: string; description: string | null }>(
      sql`select name, description from departments where id = ${created.id}`,
    );
    expect(row).toEqual({ name: "Brand marketing", description: null });
    expect((await lastAudit("department.create"))?.actorEmail).toBe("admin@test.example");
    expect((await lastAudit("department.update"))?.before).toMatchObject({ name: "Marketing" });
  });

  it("deletes an empty department but refuses one with touchpoints or people, explaining what to do", async () => {
    const empty = await admin().setup.createDepartment({ name: "Legal" });
    expect((await admin().setup.usage({ kind: "department", id: empty.id })).deletable).toBe(true);
    await admin().setup.remove({ kind: "department", id: empty.id });
    expect(await lastAudit("department.delete")).toMatchObject({ entityId: String(empty.id) });

    const service = await idOf("departments", "name", "Service");
    const usage = await admin().setup.usage({ kind: "department", id: service });
    expect(usage).toMatchObject({ deletable: false, dependants: ["1 touchpoint", "1 person"] });
    expect(await messageOf(admin().setup.remove({ kind: "department", id: service }))).toMatch(/Move them to another department first, or deactivate Service/);
    // Deactivating is refused too while it still runs active touchpoints: their scores need a home.
    expect(await messageOf(admin().setup.setActive({ kind: "department", id: service, active: false }))).toMatch(/still owns 1 active touchpoint/);
  });
});

describe("journeys and their stages", () => {
  it("creates a journey with a persona, saves stages, reorders, renames across and removes them", async () => {
    const journey = await admin().setup.createJourney({ name: "Birthday party", persona: "A parent booking for twelve", description: null });
    await admin().setup.saveStages({ journeyId: journey.id, stages: [{ name: "Book" }, { name: "Arrive" }, { name: "Celebrate" }] });
    const first = await admin().setup.journey({ id: journey.id });
    expect(first.persona).toBe("A parent booking for twelve");
    const [book, arrive, celebrate] = first.stages;

    // Reorder and swap two names in one save: the unique (journey, name) index must not trip.
    await admin().setup.saveStages({
      journeyId: journey.id,
      stages: [
        { id: celebrate!.id, name: "Celebrate" },
        { id: arrive!.id, name: "Book" },
        { id: book!.id, name: "Arrive" },
      ],
    });
    const reordered = await admin().setup.journey({ id: journey.id });
    expect(reordered.stages.map((s) => [s.id, s.name, s.position])).toEqual([
      [celebrate!.id, "Celebrate", 0],
      [arrive!.id, "Book", 1],
      [book!.id, "Arrive", 2],
    ]);
    expect((await lastAudit("journey.stages"))?.after).toEqual(["Celebrate", "Book", "Arrive"]);

    await admin().setup.saveStages({ journeyId: journey.id, stages: [{ id: celebrate!.id, name: "Celebrate" }, { name: "Leave" }] });
    expect((await admin().setup.journey({ id: journey.id })).stages.map((s) => s.name)).toEqual(["Celebrate", "Leave"]);
  });

  it("refuses duplicate stage names and another journey's stage ids, changing nothing", async () => {
    const dinner = await idOf("journeys", "name", "Dinner");
    const other = await admin().setup.createJourney({ name: "Takeaway", persona: null, description: null });
    await admin().setup.saveStages({ journeyId: other.id, stages: [{ name: "Order" }] });
    const foreignStage = (await admin().setup.journey({ id: other.id })).stages[0]!.id;
    expect(await messageOf(admin().setup.saveStages({ journeyId: dinner, stages: [{ name: "Pay" }, { name: "pay" }] }))).toMatch(/Two stages are named/);
    expect(await codeOf(admin().setup.saveStages({ journeyId: dinner, stages: [{ id: foreignStage, name: "Stolen" }] }))).toBe("BAD_REQUEST");
    expect((await admin().setup.journey({ id: dinner })).stages.map((s) => s.name)).toEqual(["Arrive", "Pay"]);
  });

  it("deletes a journey's structure but keeps its touchpoints, and a deactivated journey leaves the dashboards", async () => {
    const journey = await admin().setup.createJourney({ name: "Brunch", persona: null, description: null });
    await admin().setup.saveStages({ journeyId: journey.id, stages: [{ name: "Seat" }] });
    const host = await idOf("touchpoints", "code", "SVC-HOST");
    const stage = (await admin().setup.journey({ id: journey.id })).stages[0]!.id;
    const edit = await admin().setup.touchpoint({ id: host });
    await admin().setup.updateTouchpoint({ ...edit, stageIds: [...edit.stageIds, stage] });

    await admin().setup.setActive({ kind: "journey", id: journey.id, active: false });
    expect((await loadScoreModel(database.db)).journeys.map((j) => j.name)).not.toContain("Brunch");
    expect((await admin().setup.usage({ kind: "journey", id: journey.id })).dependants).toEqual(["1 stage", "1 touchpoint placement"]);
    await admin().setup.remove({ kind: "journey", id: journey.id });
    expect((await lastAudit("journey.delete"))?.before).toMatchObject({ name: "Brunch", stages: [{ name: "Seat", touchpoints: ["SVC-HOST"] }] });
    expect((await admin().setup.touchpoint({ id: host })).stageIds).toEqual(edit.stageIds);
  });
});

describe("touchpoints", () => {
  it("creates one with owner, targets and a stage placement, and the journey shows it at the end of that stage", async () => {
    const dinner = await admin().setup.journey({ id: await idOf("journeys", "name", "Dinner") });
    const arrive = dinner.stages.find((s) => s.name === "Arrive")!;
    const service = await idOf("departments", "name", "Service");
    const created = await admin().setup.createTouchpoint({
      code: "svc-valet",
      name: "Valet",
      channel: "in_person",
      departmentId: service,
      ownerId: people.owner.id,
      momentOfTruth: true,
      weight: 2,
      description: "",
      targets: { csat: 85, nps: 40 },
      stageIds: [arrive.id],
    });
    expect(created.code).toBe("SVC-VALET");
    const edit = await admin().setup.touchpoint({ id: created.id });
    expect(edit).toMatchObject({ ownerId: people.owner.id, momentOfTruth: true, weight: 2, targets: { csat: 85, nps: 40 }, stageIds: [arrive.id] });
    const after = await admin().setup.journey({ id: dinner.id });
    expect(after.stages.find((s) => s.name === "Arrive")!.touchpoints.map((t) => t.code)).toEqual(["SVC-HOST", "SVC-VALET"]);
    expect(await lastAudit("touchpoint.create")).toMatchObject({ entityId: String(created.id) });
  });

  it("edits targets and placements, and refuses a taken code, an executive owner and unknown metrics", async () => {
    const valet = await idOf("touchpoints", "code", "SVC-VALET");
    const edit = await admin().setup.touchpoint({ id: valet });
    const pay = (await admin().setup.journey({ id: await idOf("journeys", "name", "Dinner") })).stages.find((s) => s.name === "Pay")!;
    await admin().setup.updateTouchpoint({ ...edit, targets: { csat: 90 }, stageIds: [pay.id], weight: 1.5 });
    expect(await admin().setup.touchpoint({ id: valet })).toMatchObject({ targets: { csat: 90 }, stageIds: [pay.id], weight: 1.5 });
    expect((await lastAudit("touchpoint.update"))?.before).toMatchObject({ targets: { csat: 85, nps: 40 } });

    expect(await codeOf(admin().setup.updateTouchpoint({ ...edit, code: "SVC-HOST" }))).toBe("CONFLICT");
    expect(await messageOf(admin().setup.updateTouchpoint({ ...edit, ownerId: people.executive.id }))).toMatch(/executive/);
    expect(await codeOf(admin().setup.updateTouchpoint({ ...edit, targets: { happiness: 3 } }))).toBe("BAD_REQUEST");
    expect(await codeOf(admin().setup.createTouchpoint({ ...edit, code: "BAD CODE" }))).toBe("BAD_REQUEST");
    expect((await admin().setup.touchpoint({ id: valet })).targets).toEqual({ csat: 90 });
  });

  it("deletes a touchpoint without data, and refuses one with responses, offering deactivation that hides it", async () => {
    const valet = await idOf("touchpoints", "code", "SVC-VALET");
    expect((await admin().setup.usage({ kind: "touchpoint", id: valet })).deletable).toBe(true);
    await admin().setup.remove({ kind: "touchpoint", id: valet });
    expect(await codeOf(admin().setup.touchpoint({ id: valet }))).toBe("NOT_FOUND");

    const host = await idOf("touchpoints", "code", "SVC-HOST");
    await ingestBatch(database.db, { fileName: "s", fileHash: "s", sourceFormat: "test", source: "api" }, [
      { touchpointId: host, respondedAt: new Date(), csat: 5, externalId: "setup-1" },
      { touchpointId: host, respondedAt: new Date(), csat: 4, externalId: "setup-2" },
    ]);
    const usage = await admin().setup.usage({ kind: "touchpoint", id: host });
    expect(usage.deletable).toBe(false);
    expect(usage.dependants[0]).toBe("2 survey responses");
    expect(await messageOf(admin().setup.remove({ kind: "touchpoint", id: host }))).toMatch(/Deactivate it instead/);

    await admin().setup.setActive({ kind: "touchpoint", id: host, active: false });
    expect((await loadScoreModel(database.db)).touchpoints.map((t) => t.code)).not.toContain("SVC-HOST");
    expect((await database.db.execute<{ n: number }>(sql`select count(*)::int as n from survey_responses where touchpoint_id = ${host}`))[0]!.n).toBe(2);
    // With its last active touchpoint gone, Service can be deactivated; reactivating the touchpoint then asks for it back.
    const service = await idOf("departments", "name", "Service");
    await admin().setup.setActive({ kind: "department", id: service, active: false });
    expect(await messageOf(admin().setup.setActive({ kind: "touchpoint", id: host, active: true }))).toMatch(/Service is deactivated/);
    await admin().setup.setActive({ kind: "department", id: service, active: true });
    await admin().setup.setActive({ kind: "touchpoint", id: host, active: true });
    expect(await lastAudit("touchpoint.activate")).toBeDefined();
  });
});

describe("invitations", () => {
  it("invites someone with a one-time link that sets their password once, then signs them in", async () => {
    const billing = await idOf("departments", "name", "Billing");
    const invitation = await admin().setup.inviteUser({ email: "nina@test.example", name: "Nina New", role: "owner", departmentId: billing });
    expect(invitation.token.length).toBeGreaterThan(30);
    // Only a hash is stored.
    const stored = await database.db.select().from(userInvitations).where(eq(userInvitations.userId, invitation.userId));
    expect(stored.map((s) => s.tokenHash)).not.toContain(invitation.token);
    expect(await readInvitation(database.db, invitation.token)).toMatchObject({ status: "valid", email: "nina@test.example" });
    expect(await verifyCredentials(database.db, "nina@test.example", "a long enough password")).toBeNull();

    await expect(acceptInvitation(database.db, invitation.token, "short")).rejects.toBeInstanceOf(InvitationError);
    await acceptInvitation(database.db, invitation.token, "a long enough password");
    expect((await verifyCredentials(database.db, "nina@test.example", "a long enough password"))?.role).toBe("owner");
    expect(await readInvitation(database.db, invitation.token)).toEqual({ status: "used" });
    await expect(acceptInvitation(database.db, invitation.token, "another long password")).rejects.toThrow(/has been used/);
    expect(await lastAudit("user.accept_invitation")).toMatchObject({ actorEmail: "nina@test.example" });
    expect(await codeOf(admin().setup.inviteUser({ email: "NINA@test.example", name: "Twice", role: "owner", departmentId: null }))).toBe("CONFLICT");
  });

  it("a new link replaces the old one, and an expired or unknown link is refused", async () => {
    const first = await admin().setup.inviteUser({ email: "omar@test.example", name: "Omar", role: "executive", departmentId: null });
    const second = await admin().setup.reissueInvitation({ userId: first.userId });
    expect(await readInvitation(database.db, first.token)).toEqual({ status: "expired" });
    expect(await readInvitation(database.db, "not-a-token")).toEqual({ status: "unknown" });
    await database.db
      .update(userInvitations)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(userInvitations.userId, first.userId));
    await expect(acceptInvitation(database.db, second.token, "a long enough password")).rejects.toThrow(/expired/);
    expect(await lastAudit("user.invite_link")).toMatchObject({ entityId: String(first.userId) });
  });
});

describe("bad input from a form", () => {
  it("comes back over HTTP as words naming the field, not zod's JSON, and nothing is written", async () => {
    const service = await idOf("departments", "name", "Service");
    const body = { json: { code: "NO SPACES", name: "", channel: "web", departmentId: service, ownerId: null } };
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/setup.createTouchpoint", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      }),
      router: appRouter,
      createContext: () => ({ db: database.db, user: people.admin }),
    });
    const { error } = (await response.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(response.status).toBe(400);
    expect(error.json.message).toBe("code: use upper-case letters, digits and dashes, e.g. RES-PHONE; name: must not be empty");
    expect((await database.db.execute<{ n: number }>(sql`select count(*)::int as n from touchpoints where code = 'NO SPACES'`))[0]!.n).toBe(0);
  });
});

describe("locations", () => {
  it("refuse a loop even when the code changes in the same edit, and a site without a region", async () => {
    const north = (await admin().setup.locations()).find((l) => l.code === "NORTH")!;
    const inner = await admin().setup.createLocation({ code: "NORTH-EAST", name: "North East", kind: "region", parentId: north.id, managerId: null });
    const loop = admin().setup.updateLocation({ id: north.id, code: "N", name: "North", kind: "region", parentId: inner.id, managerId: null });
    await expect(loop).rejects.toThrow(/NORTH-EAST is inside this location; a location cannot sit inside itself/);
    await expect(admin().setup.updateLocation({ id: north.id, code: "N", name: "North", kind: "region", parentId: north.id, managerId: null })).rejects.toThrow(
      /cannot sit inside itself/,
    );
    await expect(admin().setup.createLocation({ code: "LONE", name: "Lone", kind: "site", parentId: null, managerId: null })).rejects.toThrow(
      /choose the region this site belongs to/,
    );
    expect((await admin().setup.locations()).find((l) => l.id === north.id)).toMatchObject({ code: "NORTH", parentId: null });
  });
});

describe("setup access", () => {
  it("refuses owners and executives on every setup change with real ids", async () => {
    const service = await idOf("departments", "name", "Service");
    const host = await idOf("touchpoints", "code", "SVC-HOST");
    for (const user of [people.owner, people.executive]) {
      const caller = createCaller({ db: database.db, user });
      expect(await codeOf(caller.setup.updateDepartment({ id: service, name: "Mine", description: null, headUserId: null }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.setup.setActive({ kind: "touchpoint", id: host, active: false }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.setup.remove({ kind: "touchpoint", id: host }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.setup.inviteUser({ email: "x@test.example", name: "X", role: "admin", departmentId: null }))).toBe("FORBIDDEN");
    }
  });
});
