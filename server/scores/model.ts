// Loads the parts of the experience model the score views need, in a handful of queries.
import { asc, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { departments, journeyStages, journeys, metricDefinitions, stageTouchpoints, touchpointTargets, touchpoints, users } from "@/db/schema";
import { listLocations } from "@/server/setup/locations";
import type { MetricScale } from "@/server/metrics/formulas";
import { readSetting } from "@/server/settings/program-settings";

export async function loadScoreModel(db: Queryable) {
  const [touchpointRows, journeyRows, stageRows, placementRows, departmentRows, metricRows, targetRows, minimumSample, locationRows] = await Promise.all([
    db
      .select({
        id: touchpoints.id,
        code: touchpoints.code,
        name: touchpoints.name,
        channel: touchpoints.channel,
        importance: touchpoints.weight,
        departmentId: touchpoints.departmentId,
        momentOfTruth: touchpoints.momentOfTruth,
        ownerName: users.name,
      })
      .from(touchpoints)
      .leftJoin(users, eq(users.id, touchpoints.ownerId))
      .where(eq(touchpoints.active, true))
      .orderBy(asc(touchpoints.code)),
    db.select().from(journeys).where(eq(journeys.active, true)).orderBy(asc(journeys.name)),
    db.select().from(journeyStages).orderBy(asc(journeyStages.journeyId), asc(journeyStages.position)),
    db.select().from(stageTouchpoints).orderBy(asc(stageTouchpoints.position)),
    db.select({ id: departments.id, name: departments.name }).from(departments).orderBy(asc(departments.name)),
    db.select().from(metricDefinitions),
    db
      .select({ touchpointId: touchpointTargets.touchpointId, code: metricDefinitions.code, target: touchpointTargets.target })
      .from(touchpointTargets)
      .innerJoin(metricDefinitions, eq(metricDefinitions.id, touchpointTargets.metricId)),
    readSetting(db, "minimum_sample"),
    listLocations(db),
  ]);
  const scales = new Map<string, MetricScale & { name: string; topBoxMin: number | null }>(
    metricRows.map((m) => [m.code, { kind: m.kind, scaleMin: m.scaleMin, scaleMax: m.scaleMax, direction: m.direction, name: m.name, topBoxMin: m.topBoxMin }]),
  );
  return {
    touchpoints: touchpointRows,
    departments: departmentRows,
    journeys: journeyRows.map((journey) => ({
      ...journey,
      stages: stageRows
        .filter((stage) => stage.journeyId === journey.id)
        .map((stage) => ({
          id: stage.id,
          name: stage.name,
          touchpointIds: placementRows.filter((p) => p.stageId === stage.id).map((p) => p.touchpointId),
        })),
    })),
    scales,
    targets: targetRows,
    minimumSample,
    // Inactive locations stay: their history is still cut by site.
    locations: locationRows,
  };
}

export type ScoreModel = Awaited<ReturnType<typeof loadScoreModel>>;
