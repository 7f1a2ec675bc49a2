// Property test: for random hierarchies and counts, every rolled-up level equals a brute-force
// computation written independently of the roll-up code (weights = importance × responses).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyCounts, type MetricScale } from "../server/metrics/formulas";
import { buildExperienceTree } from "../server/scores/experience";

const scales = new Map<string, MetricScale>([
  ["csat", { kind: "csat", scaleMin: 1, scaleMax: 5, direction: "higher_is_better" }],
  ["nps", { kind: "nps", scaleMin: 0, scaleMax: 10, direction: "higher_is_better" }],
]);
const MINIMUM = 30;

const touchpointArb = fc.record({
  importance: fc.constantFrom(1, 1.5, 2),
  department: fc.integer({ min: 1, max: 3 }),
  csatN: fc.integer({ min: 0, max: 200 }),
  csatTopShare: fc.double({ min: 0, max: 1, noNaN: true }),
  npsN: fc.integer({ min: 0, max: 200 }),
  promoterShare: fc.double({ min: 0, max: 1, noNaN: true }),
  detractorShare: fc.double({ min: 0, max: 1, noNaN: true }),
  stage: fc.integer({ min: 0, max: 3 }),
});

describe("experience tree", () => {
  it("equals brute force at every level", () => {
    fc.assert(
      fc.property(fc.array(touchpointArb, { minLength: 1, maxLength: 12 }), (generated) => {
        const touchpoints = generated.map((g, i) => ({ id: i + 1, importance: g.importance, departmentId: g.department }));
        const counts = generated.flatMap((g, i) => {
          const top = Math.round(g.csatN * g.csatTopShare);
          const promoters = Math.round(g.npsN * g.promoterShare);
          const detractors = Math.min(g.npsN - promoters, Math.round(g.npsN * g.detractorShare));
          return [
            { ...emptyCounts(), touchpointId: i + 1, metricCode: "csat", responseCount: g.csatN, topBox: top },
            {
              ...emptyCounts(),
              touchpointId: i + 1,
              metricCode: "nps",
              responseCount: g.npsN,
              promoters,
              detractors,
              passives: g.npsN - promoters - detractors,
            },
          ].filter((c) => c.responseCount > 0);
        });
        const stages = [0, 1, 2, 3].map((s) => ({ id: s + 100, touchpointIds: touchpoints.filter((_, i) => generated[i]!.stage === s).map((t) => t.id) }));
        const tree = buildExperienceTree({ touchpoints, journeys: [{ id: 1, stages }], departmentIds: [1, 2, 3], scales, counts, minimumSample: MINIMUM });

        // Brute force: a touchpoint's score is the mean of its sufficient metrics on 0–100.
        const brute = generated.map((g, i) => {
          const parts: number[] = [];
          const c = counts.filter((row) => row.touchpointId === i + 1);
          const csat = c.find((row) => row.metricCode === "csat");
          const nps = c.find((row) => row.metricCode === "nps");
          if (csat && csat.responseCount >= MINIMUM) parts.push((100 * csat.topBox) / csat.responseCount);
          if (nps && nps.responseCount >= MINIMUM) parts.push(((100 * (nps.promoters - nps.detractors)) / nps.responseCount + 100) / 2);
          const n = Math.max(csat?.responseCount ?? 0, nps?.responseCount ?? 0);
          return { value: parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : null, n, weight: g.importance * n };
        });
        const weighted = (items: Array<{ value: number | null; weight: number }>) => {
          const scored = items.filter((x) => x.value !== null && x.weight > 0);
          const total = scored.reduce((sum, x) => sum + x.weight, 0);
          return total === 0 ? null : scored.reduce((sum, x) => sum + x.weight * x.value!, 0) / total;
        };
        const valueOf = (r: { status: string; value?: number }) => (r.status === "ok" ? r.value! : null);

        const stageValues = stages.map((s) => weighted(s.touchpointIds.map((id) => brute[id - 1]!)));
        stages.forEach((s, k) => {
          const actual = valueOf(tree.stages.get(s.id)!);
          if (stageValues[k] === null) expect(actual).toBeNull();
          else expect(actual).toBeCloseTo(stageValues[k]!, 9);
        });
        const stageNs = stages.map((s) => s.touchpointIds.reduce((sum, id) => sum + brute[id - 1]!.n, 0));
        const journey = weighted(stageValues.map((value, k) => ({ value, weight: stageNs[k]! })));
        const actualJourney = valueOf(tree.journeys.get(1)!);
        if (journey === null) expect(actualJourney).toBeNull();
        else expect(actualJourney).toBeCloseTo(journey, 9);
        for (const department of [1, 2, 3]) {
          const expected = weighted(brute.filter((_, i) => generated[i]!.department === department));
          const actual = valueOf(tree.departments.get(department)!);
          if (expected === null) expect(actual).toBeNull();
          else expect(actual).toBeCloseTo(expected, 9);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
