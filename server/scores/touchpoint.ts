// One touchpoint's view: its scores against targets, 12-month trend per metric with 95% bands, answer
// distribution, the initiatives on it and the contacts it causes downstream beside its experience score's trend.
// Reads roll-ups; verbatims (server/scores/verbatims.ts) are separate.
import { notFound } from "@/server/errors";
import { asc, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { departments, initiatives, journeyStages, journeys, locations, stageTouchpoints, touchpoints, users } from "@/db/schema";
import { change, emptyCounts, score } from "@/server/metrics/formulas";
import { buildExperienceTree } from "./experience";
import type { DashboardFilters } from "./filters";
import { loadScoreModel } from "./model";
import { dashboardPeriods, filterOptionsOf } from "./overview";
import { readLocationScope } from "@/server/locations/scope";
import { trailingMonths } from "./periods";
import { readAnswerDistribution, readMonthlyCounts, readPeriodCounts } from "./read-rollups";
import { touchpointCausedDemand } from "@/server/contacts/caused";
import { programCurrency } from "@/server/config";

export async function touchpointView(db: Queryable, touchpointId: number, filters: DashboardFilters) {
  const [detail] = await db
    .select({
      id: touchpoints.id,
      code: touchpoints.code,
      name: touchpoints.name,
      channel: touchpoints.channel,
      description: touchpoints.description,
      momentOfTruth: touchpoints.momentOfTruth,
      weight: touchpoints.weight,
      ownerId: touchpoints.ownerId,
      ownerName: users.name,
      departmentId: touchpoints.departmentId,
      departmentName: departments.name,
    })
    .from(touchpoints)
    .innerJoin(departments, eq(departments.id, touchpoints.departmentId))
    .leftJoin(users, eq(users.id, touchpoints.ownerId))
    .where(eq(touchpoints.id, touchpointId));
  if (!detail) throw notFound(`Touchpoint ${touchpointId} does not exist.`);

  const model = await loadScoreModel(db);
  const { period, compareTo } = await dashboardPeriods(db, filters);
  const { locationIds, problems: filterProblems } = readLocationScope(model.locations, filters.location);
  const [current, previous, monthly, placements, initiativeRows, answers] = await Promise.all([
    readPeriodCounts(db, period, [touchpointId], locationIds),
    readPeriodCounts(db, compareTo, [touchpointId], locationIds),
    readMonthlyCounts(db, trailingMonths(12, period.to)[0]!, period.to, [touchpointId], locationIds),
    db
      .select({ journeyId: journeys.id, journeyName: journeys.name, stageName: journeyStages.name })
      .from(stageTouchpoints)
      .innerJoin(journeyStages, eq(journeyStages.id, stageTouchpoints.stageId))
      .innerJoin(journeys, eq(journeys.id, journeyStages.journeyId))
      .where(eq(stageTouchpoints.touchpointId, touchpointId))
      .orderBy(asc(journeys.name), asc(journeyStages.position)),
    db
      .select({
        id: initiatives.id,
        title: initiatives.title,
        status: initiatives.status,
        startDate: initiatives.startDate,
        dueDate: initiatives.dueDate,
        locationName: locations.name,
      })
      .from(initiatives)
      .leftJoin(locations, eq(locations.id, initiatives.locationId))
      .where(eq(initiatives.touchpointId, touchpointId))
      .orderBy(asc(initiatives.startDate)),
    readAnswerDistribution(db, period, touchpointId, locationIds),
  ]);

  const targets = new Map(model.targets.filter((t) => t.touchpointId === touchpointId).map((t) => [t.code, t.target]));
  const asked = [...new Set([...current, ...previous, ...monthly].map((r) => r.metricCode)), ...targets.keys()];
  const metricCodes = [...new Set(asked)].filter((code) => model.scales.has(code)).sort((a, b) => order(a) - order(b));
  const months = trailingMonths(12, period.to);
  const experienceOf = (counts: typeof current) =>
    buildExperienceTree({
      touchpoints: model.touchpoints.filter((tp) => tp.id === touchpointId),
      journeys: [],
      departmentIds: [],
      scales: model.scales,
      counts,
      minimumSample: model.minimumSample,
    }).touchpoints.get(touchpointId)?.experience ?? { status: "insufficient" as const, n: 0, insufficientWeightShare: 0 };
  const experience = experienceOf(current);
  // The experience score month by month, drawn beside the contacts the touchpoint caused in the same months.
  const experienceTrend = months.map((month) => ({ month, score: experienceOf(monthly.filter((r) => r.month === month)) }));
  const caused = await touchpointCausedDemand(db, { touchpointId, period, compareTo, locationIds, responses: experience.n, months });

  const metrics = metricCodes.map((code) => {
    const scale = model.scales.get(code)!;
    const now = current.find((r) => r.metricCode === code) ?? emptyCounts();
    const before = previous.find((r) => r.metricCode === code) ?? emptyCounts();
    return {
      code,
      name: scale.name,
      scale: { min: scale.scaleMin, max: scale.scaleMax, kind: scale.kind, direction: scale.direction },
      target: targets.get(code) ?? null,
      score: score(scale, now, model.minimumSample),
      change: change(scale, before, now, model.minimumSample),
      distribution: { responses: now.responseCount, promoters: now.promoters, passives: now.passives, detractors: now.detractors, topBox: now.topBox },
      // Every possible whole answer on the scale, with how many gave it (zero included, so bars line up).
      answers: Array.from({ length: Math.floor(scale.scaleMax - scale.scaleMin) + 1 }, (_, i) => {
        const answer = scale.scaleMin + i;
        return { answer, count: answers.find((a) => a.metricCode === code && a.answer === answer)?.count ?? 0 };
      }),
      topBoxMin: scale.topBoxMin,
      trend: months.map((month) => ({
        month,
        score: score(scale, monthly.find((r) => r.month === month && r.metricCode === code) ?? emptyCounts(), model.minimumSample),
      })),
    };
  });

  return {
    touchpoint: detail,
    placements,
    period,
    compareTo,
    minimumSample: model.minimumSample,
    experience,
    experienceTrend,
    metrics,
    caused,
    currency: programCurrency(),
    initiatives: initiativeRows,
    filterOptions: filterOptionsOf(model),
    filterProblems,
  };
}

function order(code: string): number {
  return ["nps", "csat", "ces"].indexOf(code) === -1 ? 9 : ["nps", "csat", "ces"].indexOf(code);
}

export type TouchpointView = Awaited<ReturnType<typeof touchpointView>>;
