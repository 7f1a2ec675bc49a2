// Saving owners' quarterly self-assessments and reading the perception-gap view: per touchpoint, stage,
// journey and department, largest gaps first, and which assessments are still missing this quarter.
import { and, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { perceptionAssessments, touchpoints } from "@/db/schema";
import { actorOf, recordAudit } from "@/server/audit";
import { assertCanChangeTouchpoint } from "@/server/auth/ownership";
import type { SessionUser } from "@/server/auth/users";
import { buildExperienceTree } from "@/server/scores/experience";
import { loadScoreModel } from "@/server/scores/model";
import { readPeriodCounts } from "@/server/scores/read-rollups";
import { gapOf, groupGap, quarterPeriod, type TouchpointGap } from "./gap";
import type { AssessmentInput } from "./schema";

export async function saveAssessment(db: Queryable, user: SessionUser, input: AssessmentInput) {
  return db.transaction(async (tx) => {
    await assertCanChangeTouchpoint(tx, user, input.touchpointId);
    const values = { ...input, note: input.note ?? null, assessedById: user.id };
    const [saved] = await tx
      .insert(perceptionAssessments)
      .values(values)
      .onConflictDoUpdate({ target: [perceptionAssessments.touchpointId, perceptionAssessments.quarter], set: { ...values, updatedAt: new Date() } })
      .returning();
    await recordAudit(tx, actorOf(user), { action: "perception.assess", entityType: "touchpoint", entityId: input.touchpointId, after: saved });
    return saved!;
  });
}

/** The owner's touchpoints with this quarter's assessment, if any: the self-assessment form's data. */
export async function myAssessments(db: Queryable, ownerId: number, quarter: string) {
  return db
    .select({
      touchpointId: touchpoints.id,
      code: touchpoints.code,
      name: touchpoints.name,
      capability: perceptionAssessments.capability,
      accessibility: perceptionAssessments.accessibility,
      enjoyability: perceptionAssessments.enjoyability,
      expectedScore: perceptionAssessments.expectedScore,
      note: perceptionAssessments.note,
    })
    .from(touchpoints)
    .leftJoin(perceptionAssessments, and(eq(perceptionAssessments.touchpointId, touchpoints.id), eq(perceptionAssessments.quarter, quarter)))
    .where(and(eq(touchpoints.ownerId, ownerId), eq(touchpoints.active, true)))
    .orderBy(touchpoints.code);
}

export async function perceptionView(db: Queryable, quarter: string) {
  const period = quarterPeriod(quarter);
  const [model, counts, assessments] = await Promise.all([
    loadScoreModel(db),
    readPeriodCounts(db, period),
    db.select().from(perceptionAssessments).where(eq(perceptionAssessments.quarter, quarter)),
  ]);
  const tree = buildExperienceTree({
    touchpoints: model.touchpoints,
    journeys: model.journeys,
    departmentIds: [],
    scales: model.scales,
    counts,
    minimumSample: model.minimumSample,
  });
  const byTouchpoint = new Map(assessments.map((a) => [a.touchpointId, a]));
  const rows = model.touchpoints.map((tp) => {
    const experience = tree.touchpoints.get(tp.id)?.experience;
    const assessment = byTouchpoint.get(tp.id);
    const row: TouchpointGap = {
      touchpointId: tp.id,
      importance: tp.importance,
      expected: assessment?.expectedScore ?? null,
      customer: experience?.status === "ok" ? experience.value : null,
    };
    return {
      ...row,
      code: tp.code,
      name: tp.name,
      departmentId: tp.departmentId,
      ownerName: tp.ownerName,
      customerN: experience?.n ?? 0,
      /** The customers' score's 95% margin: the owner's expectation is a fixed number, so it is the gap's margin too. */
      customerMargin: experience?.status === "ok" ? experience.margin : null,
      /** Whether the gap is larger than that margin: a real gap at 95% confidence, not noise. */
      gapSignificant: experience?.status === "ok" && row.expected != null ? Math.abs(row.expected - experience.value) > experience.margin : null,
      abilities: assessment ? { capability: assessment.capability, accessibility: assessment.accessibility, enjoyability: assessment.enjoyability } : null,
      gap: gapOf(row),
    };
  });
  const largestFirst = <T extends { gap: number | null }>(list: T[]) => [...list].sort((a, b) => (b.gap ?? -Infinity) - (a.gap ?? -Infinity));
  const of = (ids: number[]) => groupGap(rows.filter((r) => ids.includes(r.touchpointId)));
  const stages = model.journeys.flatMap((j) => j.stages.map((s) => ({ id: s.id, name: `${j.name} › ${s.name}`, ...toGap(of(s.touchpointIds)) })));
  const journeys = model.journeys.map((j) => ({ id: j.id, name: j.name, ...toGap(of(j.stages.flatMap((s) => s.touchpointIds))) }));
  const departments = model.departments.map((d) => ({
    id: d.id,
    name: d.name,
    ...toGap(of(rows.filter((r) => r.departmentId === d.id).map((r) => r.touchpointId))),
  }));
  const missing = rows.filter((r) => r.expected == null).map((r) => ({ touchpointId: r.touchpointId, code: r.code, name: r.name, ownerName: r.ownerName }));
  return {
    quarter,
    period,
    program: groupGap(rows),
    touchpoints: largestFirst(rows),
    stages: largestFirst(stages),
    journeys: largestFirst(journeys),
    departments: largestFirst(departments),
    missing,
  };
}

function toGap(group: ReturnType<typeof groupGap>) {
  return { expected: group?.expected ?? null, customer: group?.customer ?? null, gap: group?.gap ?? null, assessed: group?.touchpoints ?? 0 };
}

export type PerceptionView = Awaited<ReturnType<typeof perceptionView>>;
