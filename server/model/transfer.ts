// Applies a validated model document to the database (upserting by name, email and code) and exports one.
// The file is authoritative for each journey's stages and each touchpoint's placements and targets.
import { DomainError } from "@/server/errors";
import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { departments, journeyStages, journeys, locations, metricDefinitions, stageTouchpoints, touchpointTargets, touchpoints, users } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";
import { validateModelDocument, type ModelDocument, type ModelProblem } from "./document";
import { locationUsage } from "@/server/setup/usage";
import { applyContactReasons, exportContactReasons, keptCauses } from "./contact-reasons";
import { applyThemes, exportThemes } from "./themes";

/** Every problem of a refused model file, each with its path in the file; nothing was written. */
export class ModelImportError extends DomainError {
  override name = "ModelImportError";
  constructor(readonly modelProblems: ModelProblem[]) {
    super(
      "invalid",
      `The model file has ${modelProblems.length} problem(s):\n` + modelProblems.map((p) => `  ${p.path}: ${p.message}`).join("\n"),
      modelProblems.map((p) => ({ field: p.path, message: p.message })),
    );
  }
}

export interface ModelImportSummary {
  departments: number;
  users: number;
  touchpoints: number;
  locations: number;
  journeys: number;
  stages: number;
  // Only when the file carries them: a file without them leaves mappings and rules as they are.
  contactReasons?: number;
  contactReasonRules?: number;
  // Only when the file carries a codebook: themes listed, and how many of them the import changed.
  themes?: number;
  themesChanged?: number;
}

async function knownMetricCodes(db: Queryable): Promise<Set<string>> {
  const rows = await db.select({ code: metricDefinitions.code }).from(metricDefinitions);
  return new Set(rows.map((r) => r.code));
}

async function upsertDepartments(tx: Queryable, doc: ModelDocument): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const d of doc.departments) {
    const [row] = await tx
      .insert(departments)
      .values({ name: d.name, description: d.description ?? null })
      .onConflictDoUpdate({ target: departments.name, set: { description: d.description ?? null, updatedAt: sql`now()` } })
      .returning({ id: departments.id });
    ids.set(d.name, row!.id);
  }
  for (const row of await tx.select({ id: departments.id, name: departments.name }).from(departments)) {
    if (!ids.has(row.name)) ids.set(row.name, row.id);
  }
  return ids;
}

async function upsertUsers(tx: Queryable, doc: ModelDocument, departmentIds: Map<string, number>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const u of doc.users) {
    const values = {
      name: u.name,
      role: u.role,
      active: u.active,
      departmentId: u.department ? departmentIds.get(u.department)! : null,
      updatedAt: sql`now()`,
    };
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${u.email.toLowerCase()}`);
    if (existing) {
      await tx.update(users).set(values).where(eq(users.id, existing.id));
      ids.set(u.email.toLowerCase(), existing.id);
    } else {
      const [row] = await tx
        .insert(users)
        .values({ ...values, email: u.email })
        .returning({ id: users.id });
      ids.set(u.email.toLowerCase(), row!.id);
    }
  }
  for (const row of await tx.select({ id: users.id, email: users.email }).from(users)) {
    if (!ids.has(row.email.toLowerCase())) ids.set(row.email.toLowerCase(), row.id);
  }
  for (const d of doc.departments) {
    const headUserId = d.head ? ids.get(d.head.toLowerCase())! : null;
    await tx
      .update(departments)
      .set({ headUserId })
      .where(eq(departments.id, departmentIds.get(d.name)!));
  }
  return ids;
}

async function upsertCustomMetrics(tx: Queryable, doc: ModelDocument): Promise<Map<string, number>> {
  for (const m of doc.customMetrics) {
    const values = { ...m, kind: "custom" as const, topBoxMin: m.topBoxMin ?? null, description: m.description ?? null };
    await tx.insert(metricDefinitions).values(values).onConflictDoUpdate({ target: metricDefinitions.code, set: values });
  }
  const rows = await tx.select({ id: metricDefinitions.id, code: metricDefinitions.code }).from(metricDefinitions);
  return new Map(rows.map((r) => [r.code, r.id]));
}

async function upsertTouchpoints(
  tx: Queryable,
  doc: ModelDocument,
  refs: { departmentIds: Map<string, number>; userIds: Map<string, number>; metricIds: Map<string, number> },
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const t of doc.touchpoints) {
    const values = {
      code: t.code,
      name: t.name,
      channel: t.channel,
      departmentId: refs.departmentIds.get(t.department)!,
      ownerId: t.owner ? refs.userIds.get(t.owner.toLowerCase())! : null,
      momentOfTruth: t.momentOfTruth,
      weight: t.weight,
      description: t.description ?? null,
      active: t.active,
    };
    const [row] = await tx
      .insert(touchpoints)
      .values(values)
      .onConflictDoUpdate({ target: touchpoints.code, set: { ...values, updatedAt: sql`now()` } })
      .returning({ id: touchpoints.id });
    ids.set(t.code, row!.id);
    const targetRows = Object.entries(t.targets).map(([metric, target]) => ({
      touchpointId: row!.id,
      metricId: refs.metricIds.get(metric)!,
      target,
    }));
    await tx.delete(touchpointTargets).where(eq(touchpointTargets.touchpointId, row!.id));
    if (targetRows.length) await tx.insert(touchpointTargets).values(targetRows);
  }
  for (const row of await tx.select({ id: touchpoints.id, code: touchpoints.code }).from(touchpoints)) {
    if (!ids.has(row.code)) ids.set(row.code, row.id);
  }
  return ids;
}

async function upsertJourneys(tx: Queryable, doc: ModelDocument, touchpointIds: Map<string, number>): Promise<number> {
  let stageCount = 0;
  for (const j of doc.journeys) {
    const values = { name: j.name, description: j.description ?? null, persona: j.persona ?? null, active: j.active };
    const [journey] = await tx
      .insert(journeys)
      .values(values)
      .onConflictDoUpdate({ target: journeys.name, set: { ...values, updatedAt: sql`now()` } })
      .returning({ id: journeys.id });
    const journeyId = journey!.id;
    const keptStageIds: number[] = [];
    for (const [position, s] of j.stages.entries()) {
      const stageValues = { journeyId, name: s.name, position, description: s.description ?? null };
      const [stage] = await tx
        .insert(journeyStages)
        .values(stageValues)
        .onConflictDoUpdate({ target: [journeyStages.journeyId, journeyStages.name], set: stageValues })
        .returning({ id: journeyStages.id });
      keptStageIds.push(stage!.id);
      await tx.delete(stageTouchpoints).where(eq(stageTouchpoints.stageId, stage!.id));
      if (s.touchpoints.length) {
        await tx.insert(stageTouchpoints).values(s.touchpoints.map((code, i) => ({ stageId: stage!.id, touchpointId: touchpointIds.get(code)!, position: i })));
      }
      stageCount += 1;
    }
    const stale = keptStageIds.length
      ? and(eq(journeyStages.journeyId, journeyId), notInArray(journeyStages.id, keptStageIds))
      : eq(journeyStages.journeyId, journeyId);
    await tx.delete(journeyStages).where(stale);
  }
  return stageCount;
}

/** Regions first, then what sits in them: parents are upserted before their children point at them. */
async function upsertLocations(tx: Queryable, doc: ModelDocument, userIds: Map<string, number>): Promise<void> {
  const depth = (code: string, seen = new Set<string>()): number => {
    const parent = doc.locations.find((l) => l.code === code)?.region;
    return parent && !seen.has(parent) ? 1 + depth(parent, seen.add(code)) : 0;
  };
  const ordered = [...doc.locations].sort((a, b) => depth(a.code) - depth(b.code));
  const existing = await tx.select({ id: locations.id, code: locations.code, kind: locations.kind }).from(locations);
  const ids = new Map(existing.map((l) => [l.code, l.id]));
  // As on the setup page: a location that holds responses, contacts, initiatives or locations keeps its kind.
  for (const [i, l] of doc.locations.entries()) {
    const before = existing.find((e) => e.code === l.code);
    if (before && before.kind !== l.kind && !(await locationUsage(tx, before.id)).deletable) {
      throw new ModelImportError([{ path: `locations[${i}].kind`, message: `${l.code} holds data or locations, so it stays a ${before.kind}` }]);
    }
  }
  for (const l of ordered) {
    const values = {
      name: l.name,
      kind: l.kind,
      parentId: l.region ? ids.get(l.region)! : null,
      managerId: l.manager ? (userIds.get(l.manager.toLowerCase()) ?? null) : null,
      active: l.active,
      updatedAt: sql`now()`,
    };
    const [row] = await tx
      .insert(locations)
      .values({ code: l.code, ...values })
      .onConflictDoUpdate({ target: locations.code, set: values })
      .returning({ id: locations.id });
    ids.set(l.code, row!.id);
  }
}

/** Apply a validated document inside the caller's transaction. */
export async function applyModelDocument(tx: Queryable, doc: ModelDocument, actor: Actor): Promise<ModelImportSummary> {
  const departmentIds = await upsertDepartments(tx, doc);
  const userIds = await upsertUsers(tx, doc, departmentIds);
  const metricIds = await upsertCustomMetrics(tx, doc);
  const touchpointIds = await upsertTouchpoints(tx, doc, { departmentIds, userIds, metricIds });
  await upsertLocations(tx, doc, userIds);
  const stages = await upsertJourneys(tx, doc, touchpointIds);
  const contactReasonCounts = await applyContactReasons(tx, doc);
  // After the touchpoints the themes name; responses imported after this commit are tagged with them.
  const themeCounts = await applyThemes(tx, doc);
  const summary = {
    departments: doc.departments.length,
    users: doc.users.length,
    touchpoints: doc.touchpoints.length,
    locations: doc.locations.length,
    journeys: doc.journeys.length,
    stages,
    ...contactReasonCounts,
    ...themeCounts,
  };
  await recordAudit(tx, actor, { action: "model.import", entityType: "model", after: summary });
  return summary;
}

/** Validate then apply in one transaction: a file with any problem writes nothing. */
export async function importModel(db: Database, actor: Actor, input: unknown): Promise<ModelImportSummary> {
  const result = validateModelDocument(input, await knownMetricCodes(db), await keptCauses(db));
  if (!result.ok) throw new ModelImportError(result.problems);
  return db.transaction((tx) => applyModelDocument(tx, result.document, actor));
}

export async function exportModel(db: Queryable): Promise<ModelDocument> {
  const departmentRows = await db.select().from(departments).orderBy(asc(departments.name));
  const userRows = await db.select().from(users).orderBy(asc(users.email));
  const metricRows = await db.select().from(metricDefinitions).orderBy(asc(metricDefinitions.code));
  const touchpointRows = await db.select().from(touchpoints).orderBy(asc(touchpoints.code));
  const targetRows = await db.select().from(touchpointTargets);
  const journeyRows = await db.select().from(journeys).orderBy(asc(journeys.name));
  const locationRows = await db.select().from(locations).orderBy(asc(locations.kind), asc(locations.code));
  const stageRows = await db.select().from(journeyStages).orderBy(asc(journeyStages.journeyId), asc(journeyStages.position));
  const placements = stageRows.length
    ? await db
        .select()
        .from(stageTouchpoints)
        .where(
          inArray(
            stageTouchpoints.stageId,
            stageRows.map((s) => s.id),
          ),
        )
        .orderBy(asc(stageTouchpoints.position))
    : [];

  const departmentName = new Map(departmentRows.map((d) => [d.id, d.name]));
  const userEmail = new Map(userRows.map((u) => [u.id, u.email]));
  const metricCode = new Map(metricRows.map((m) => [m.id, m.code]));
  const touchpointCode = new Map(touchpointRows.map((t) => [t.id, t.code]));
  const { contactReasons, contactReasonRules } = await exportContactReasons(db);
  const themes = await exportThemes(db);

  return {
    version: 1,
    departments: departmentRows.map((d) => ({
      name: d.name,
      description: d.description,
      head: d.headUserId ? userEmail.get(d.headUserId) : null,
    })),
    users: userRows.map((u) => ({
      email: u.email,
      name: u.name,
      role: u.role,
      department: u.departmentId ? departmentName.get(u.departmentId) : null,
      active: u.active,
    })),
    customMetrics: metricRows
      .filter((m) => m.kind === "custom")
      .map((m) => ({
        code: m.code,
        name: m.name,
        scaleMin: m.scaleMin,
        scaleMax: m.scaleMax,
        direction: m.direction,
        topBoxMin: m.topBoxMin,
        description: m.description,
      })),
    touchpoints: touchpointRows.map((t) => ({
      code: t.code,
      name: t.name,
      channel: t.channel,
      department: departmentName.get(t.departmentId)!,
      owner: t.ownerId ? userEmail.get(t.ownerId) : null,
      momentOfTruth: t.momentOfTruth,
      weight: t.weight,
      description: t.description,
      active: t.active,
      targets: Object.fromEntries(targetRows.filter((r) => r.touchpointId === t.id).map((r) => [metricCode.get(r.metricId)!, r.target])),
    })),
    locations: locationRows.map((l) => ({
      code: l.code,
      name: l.name,
      kind: l.kind,
      region: l.parentId ? locationRows.find((p) => p.id === l.parentId)?.code : null,
      manager: l.managerId ? userEmail.get(l.managerId) : null,
      active: l.active,
    })),
    journeys: journeyRows.map((j) => ({
      name: j.name,
      description: j.description,
      persona: j.persona,
      active: j.active,
      stages: stageRows
        .filter((s) => s.journeyId === j.id)
        .map((s) => ({
          name: s.name,
          description: s.description,
          touchpoints: placements.filter((p) => p.stageId === s.id).map((p) => touchpointCode.get(p.touchpointId)!),
        })),
    })),
    contactReasons,
    contactReasonRules,
    themes,
  };
}
