// Improvement initiatives: create, edit (optimistic locking on a version), post updates, and read them with
// their baseline and impact, on a score or on the contacts the touchpoint causes. Owners change only initiatives
// on touchpoints they own, or at locations they manage (site-level initiatives, measured there); all audited.
import { assertMayOwn } from "@/server/model/rules";
import { conflict, invalid, notFound } from "@/server/errors";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, Queryable } from "@/db/client";
import { initiativeUpdates, initiatives, locations, metricDefinitions, touchpoints, users } from "@/db/schema";
import { sitesUnder } from "@/server/locations/hierarchy";
import { actorOf, recordAudit } from "@/server/audit";
import { assertCanChangeAt } from "@/server/auth/ownership";
import type { SessionUser } from "@/server/auth/users";
import { emptyCounts, score } from "@/server/metrics/formulas";
import { readSetting } from "@/server/settings/program-settings";
import type { Period } from "@/server/scores/periods";
import { readPeriodCounts } from "@/server/scores/read-rollups";
import { causedInPeriod } from "@/server/contacts/caused";
import type { InitiativeAim } from "@/lib/enums";
import { baselineWindow, DEFAULT_IMPACT_WINDOW_DAYS, impactWindows, initiativeContactImpact, initiativeImpact, monthsIn } from "./impact";
import type { CreateInitiativeInput, UpdateInitiativeInput } from "./schema";

const today = () => new Date().toISOString().slice(0, 10);

async function metricScale(db: Queryable, code: string) {
  const [metric] = await db.select().from(metricDefinitions).where(eq(metricDefinitions.code, code));
  if (!metric) throw invalid(`There is no metric "${code}".`);
  return { id: metric.id, scale: { kind: metric.kind, scaleMin: metric.scaleMin, scaleMax: metric.scaleMax, direction: metric.direction } };
}

/** The sites a site-level initiative is measured at; undefined (every response) for a program-wide one. */
async function sitesOf(db: Queryable, locationId: number | null): Promise<number[] | undefined> {
  if (locationId === null) return undefined;
  const all = await db.select({ id: locations.id, code: locations.code, kind: locations.kind, parentId: locations.parentId }).from(locations);
  return sitesUnder(all, locationId).map((l) => l.id);
}

async function countsFor(db: Queryable, touchpointId: number, metricCode: string, period: Period, locationId: number | null = null) {
  const rows = await readPeriodCounts(db, period, [touchpointId], await sitesOf(db, locationId));
  return rows.find((row) => row.metricCode === metricCode) ?? emptyCounts();
}

/** The contacts the touchpoint caused in a window, with its responses there (the base of "per 1,000 responses"). */
async function causedFor(db: Queryable, touchpointId: number, period: Period, locationId: number | null = null) {
  const sites = await sitesOf(db, locationId);
  const [caused, counts] = await Promise.all([causedInPeriod(db, touchpointId, period, sites), readPeriodCounts(db, period, [touchpointId], sites)]);
  return { ...caused, responses: Math.max(0, ...counts.map((row) => row.responseCount)) };
}

/** A target of contacts a month cannot be below zero; a score's target is on its metric's scale. */
function assertTargetFits(aim: InitiativeAim, target: number | null | undefined) {
  if (aim === "contacts" && target != null && target < 0)
    throw invalid("Target: contacts a month cannot be below zero; give the number of contacts a month to get down to.", [
      { field: "target", message: "give a number of contacts a month, 0 or more" },
    ]);
}

async function locationIdOf(db: Queryable, code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const [row] = await db.select({ id: locations.id }).from(locations).where(eq(locations.code, code));
  if (!row)
    throw invalid(`locationCode: no site or region has the code ${code}; choose one from the list.`, [
      { field: "locationCode", message: `no location ${code}` },
    ]);
  return row.id;
}

/**
 * The score over the 90 days before the start date, from the roll-ups (null values while it is below the
 * minimum); for an aim at contacts, the contacts caused per month over those days, with their count.
 */
async function baselineFor(
  db: Queryable,
  touchpointId: number,
  aim: InitiativeAim,
  metricCode: string | null | undefined,
  startDate: string | null | undefined,
  locationId: number | null = null,
) {
  if (aim === "contacts") {
    if (!startDate) return { baseline: null, baselineResponseCount: null };
    const window = baselineWindow(startDate);
    const caused = await causedInPeriod(db, touchpointId, window, await sitesOf(db, locationId));
    return { baseline: caused.contacts / monthsIn(window), baselineResponseCount: Math.round(caused.contacts) };
  }
  if (!metricCode || !startDate) return { baseline: null, baselineResponseCount: null };
  const { scale } = await metricScale(db, metricCode);
  const result = score(scale, await countsFor(db, touchpointId, metricCode, baselineWindow(startDate), locationId), await readSetting(db, "minimum_sample"));
  return { baseline: result.status === "ok" ? result.value : null, baselineResponseCount: result.n };
}

/**
 * The initiative, if `user` may change it: NOT_FOUND for an unknown id, FORBIDDEN unless its touchpoint is
 * theirs, or its location is one they manage (or they are an admin).
 */
export async function loadForChange(db: Queryable, user: SessionUser, id: number) {
  const [row] = await db.select().from(initiatives).where(eq(initiatives.id, id));
  if (!row) throw notFound(`Initiative ${id} does not exist.`);
  await assertCanChangeAt(db, user, row.touchpointId, row.locationId);
  return row;
}

/** Whether `user` may change an initiative on this touchpoint at this location (the page shows the editor only then). */
export async function mayChangeInitiative(db: Queryable, user: SessionUser, touchpointId: number, locationId: number | null): Promise<boolean> {
  return assertCanChangeAt(db, user, touchpointId, locationId).then(
    () => true,
    () => false,
  );
}

export async function createInitiative(db: Database, user: SessionUser, input: CreateInitiativeInput) {
  return db.transaction((tx) => insertInitiative(tx, user, input));
}

/**
 * createInitiative inside a transaction the caller holds (an alert's case becomes one together with its link):
 * the same checks, baseline and audit entry, committed or rolled back with the caller's other writes.
 */
export async function insertInitiative(tx: Queryable, user: SessionUser, input: CreateInitiativeInput) {
  const locationId = await locationIdOf(tx, input.locationCode);
  await assertCanChangeAt(tx, user, input.touchpointId, locationId);
  await assertMayOwn(tx, input.ownerId);
  const aim = input.aim ?? "score";
  assertTargetFits(aim, input.target);
  const metricId = input.metricCode ? (await metricScale(tx, input.metricCode)).id : null;
  const [created] = await tx
    .insert(initiatives)
    .values({
      touchpointId: input.touchpointId,
      locationId,
      ownerId: input.ownerId === undefined ? user.id : input.ownerId,
      metricId,
      aim,
      title: input.title,
      problem: input.problem ?? null,
      status: input.status ?? "not_started",
      target: input.target ?? null,
      startDate: input.startDate ?? null,
      dueDate: input.dueDate ?? null,
      percentComplete: input.percentComplete ?? 0,
      ...(await baselineFor(tx, input.touchpointId, aim, input.metricCode, input.startDate, locationId)),
    })
    .returning();
  await recordAudit(tx, actorOf(user), { action: "initiative.create", entityType: "initiative", entityId: created!.id, after: created });
  return created!;
}

/** Saves the changes only if nobody saved since `version` was read; otherwise says who did, and when. */
export async function updateInitiative(db: Database, user: SessionUser, input: UpdateInitiativeInput) {
  const { id, version, metricCode, ...changes } = input;
  return db.transaction(async (tx) => {
    const before = await loadForChange(tx, user, id);
    if (changes.ownerId !== undefined && changes.ownerId !== before.ownerId) await assertMayOwn(tx, changes.ownerId);
    const metricId = metricCode === undefined ? before.metricId : metricCode === null ? null : (await metricScale(tx, metricCode)).id;
    const code =
      metricId == null ? null : (await tx.select({ code: metricDefinitions.code }).from(metricDefinitions).where(eq(metricDefinitions.id, metricId)))[0]?.code;
    const startDate = changes.startDate === undefined ? before.startDate : changes.startDate;
    const aim = changes.aim ?? before.aim;
    assertTargetFits(aim, changes.target === undefined ? before.target : changes.target);
    const baseline =
      metricId !== before.metricId || startDate !== before.startDate || aim !== before.aim
        ? await baselineFor(tx, before.touchpointId, aim, code, startDate, before.locationId)
        : {};
    const [after] = await tx
      .update(initiatives)
      .set({ ...changes, metricId, ...baseline, version: sql`${initiatives.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(initiatives.id, id), eq(initiatives.version, version)))
      .returning();
    if (!after) {
      throw conflict(
        `Someone else saved this initiative (at ${before.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC) after you opened it. Reload it to see their changes, then make yours again.`,
      );
    }
    if (changes.status && changes.status !== before.status) {
      await tx
        .insert(initiativeUpdates)
        .values({ initiativeId: id, authorId: user.id, body: `Status changed.`, statusFrom: before.status, statusTo: changes.status });
    }
    await recordAudit(tx, actorOf(user), { action: "initiative.update", entityType: "initiative", entityId: id, before, after });
    return after;
  });
}

export async function addInitiativeUpdate(db: Database, user: SessionUser, input: { initiativeId: number; body: string }) {
  return db.transaction(async (tx) => {
    await loadForChange(tx, user, input.initiativeId);
    const [update] = await tx.insert(initiativeUpdates).values({ initiativeId: input.initiativeId, authorId: user.id, body: input.body }).returning();
    await recordAudit(tx, actorOf(user), { action: "initiative.comment", entityType: "initiative", entityId: input.initiativeId, after: update });
    return update!;
  });
}

/** The initiative as its editor opens it: only for whoever may change it (the touchpoint's owner or an admin). */
export async function initiativeForEdit(db: Queryable, user: SessionUser, id: number) {
  const row = await loadForChange(db, user, id);
  const [metric] = row.metricId ? await db.select({ code: metricDefinitions.code }).from(metricDefinitions).where(eq(metricDefinitions.id, row.metricId)) : [];
  return { ...row, metricCode: metric?.code ?? null };
}

const owner = alias(users, "initiative_owner");

/** Initiatives with their touchpoint, owner and metric, newest first; of one touchpoint, or just one, when given. */
export async function listInitiatives(db: Queryable, filter: { touchpointId?: number; id?: number } = {}) {
  const rows = await db
    .select({
      id: initiatives.id,
      title: initiatives.title,
      status: initiatives.status,
      touchpointId: initiatives.touchpointId,
      touchpointCode: touchpoints.code,
      touchpointName: touchpoints.name,
      touchpointOwnerId: touchpoints.ownerId,
      departmentId: touchpoints.departmentId,
      locationId: initiatives.locationId,
      locationCode: locations.code,
      locationName: locations.name,
      ownerName: owner.name,
      metricCode: metricDefinitions.code,
      aim: initiatives.aim,
      baseline: initiatives.baseline,
      target: initiatives.target,
      startDate: initiatives.startDate,
      dueDate: initiatives.dueDate,
      percentComplete: initiatives.percentComplete,
      version: initiatives.version,
    })
    .from(initiatives)
    .innerJoin(touchpoints, eq(touchpoints.id, initiatives.touchpointId))
    .leftJoin(owner, eq(owner.id, initiatives.ownerId))
    .leftJoin(locations, eq(locations.id, initiatives.locationId))
    .leftJoin(metricDefinitions, eq(metricDefinitions.id, initiatives.metricId))
    .where(
      and(
        filter.touchpointId === undefined ? undefined : eq(initiatives.touchpointId, filter.touchpointId),
        filter.id === undefined ? undefined : eq(initiatives.id, filter.id),
      ),
    )
    .orderBy(desc(initiatives.id));
  const now = today();
  return rows.map((row) => ({ ...row, overdue: Boolean(row.dueDate && row.dueDate < now && row.status !== "done" && row.status !== "cancelled") }));
}

/** One initiative for every reader: its fields, the updates timeline and its impact on the score or the contacts. */
export async function initiativeDetail(db: Queryable, id: number, options: { windowDays?: number; today?: string } = {}) {
  const [initiative] = await listInitiatives(db, { id });
  if (!initiative) throw notFound(`Initiative ${id} does not exist.`);
  const [full] = await db
    .select({ problem: initiatives.problem, baselineResponseCount: initiatives.baselineResponseCount })
    .from(initiatives)
    .where(eq(initiatives.id, id));
  const author = alias(users, "update_author");
  const updates = await db
    .select({
      id: initiativeUpdates.id,
      body: initiativeUpdates.body,
      statusFrom: initiativeUpdates.statusFrom,
      statusTo: initiativeUpdates.statusTo,
      createdAt: initiativeUpdates.createdAt,
      authorName: author.name,
    })
    .from(initiativeUpdates)
    .leftJoin(author, eq(author.id, initiativeUpdates.authorId))
    .where(eq(initiativeUpdates.initiativeId, id))
    .orderBy(asc(initiativeUpdates.createdAt), asc(initiativeUpdates.id));
  const impact = await impactOf(db, initiative, options.windowDays ?? DEFAULT_IMPACT_WINDOW_DAYS, options.today ?? today());
  return { ...initiative, ...full!, updates, impact };
}

export async function impactOf(
  db: Queryable,
  initiative: { touchpointId: number; locationId?: number | null; aim?: InitiativeAim; metricCode: string | null; startDate: string | null; status: string },
  windowDays: number,
  asOf: string,
) {
  if (initiative.aim === "contacts") return contactImpactOf(db, initiative, windowDays, asOf);
  if (!initiative.metricCode || !initiative.startDate || initiative.status === "not_started") return { status: "not_started" as const };
  const { scale } = await metricScale(db, initiative.metricCode);
  const windows = impactWindows(initiative.startDate, asOf, windowDays);
  if (!windows) return { status: "not_started" as const };
  const [before, after] = await Promise.all([
    countsFor(db, initiative.touchpointId, initiative.metricCode, windows.before, initiative.locationId ?? null),
    countsFor(db, initiative.touchpointId, initiative.metricCode, windows.after, initiative.locationId ?? null),
  ]);
  return initiativeImpact(scale, { before, after }, windows, await readSetting(db, "minimum_sample"));
}

/** The contacts the touchpoint caused per month (and per 1,000 responses) in the windows a score's impact uses. */
async function contactImpactOf(
  db: Queryable,
  initiative: { touchpointId: number; locationId?: number | null; startDate: string | null; status: string },
  windowDays: number,
  asOf: string,
) {
  const windows = initiative.startDate && initiative.status !== "not_started" ? impactWindows(initiative.startDate, asOf, windowDays) : null;
  if (!windows) return initiativeContactImpact({ before: noContacts, after: noContacts }, null, 0);
  const [before, after] = await Promise.all([
    causedFor(db, initiative.touchpointId, windows.before, initiative.locationId ?? null),
    causedFor(db, initiative.touchpointId, windows.after, initiative.locationId ?? null),
  ]);
  return initiativeContactImpact({ before, after }, windows, await readSetting(db, "minimum_sample"));
}

const noContacts = { contacts: 0, cost: 0, responses: 0 };
