// The league of locations against hand-computed figures: each site's CSAT and experience score, tested against
// every other response of the program (other sites and those with no location), ranks, and the too-small site.
import { describe, expect, it } from "vitest";
import { emptyCounts, type MetricScale } from "../server/metrics/formulas";
import { buildLeague, type LeagueInput } from "../server/locations/league";

const csat = (locationId: number | null, n: number, satisfied: number) => ({
  ...emptyCounts(),
  touchpointId: 1,
  metricCode: "csat",
  locationId: locationId ?? 0,
  responseCount: n,
  topBox: satisfied,
});

// Leeds: 30 of 40 satisfied (75%); York: 30 of 60 (50%); Bath: 5 of 10 (too few); no location: 10 of 20.
const leeds = csat(11, 40, 30);
const york = csat(12, 60, 30);
const bath = csat(13, 10, 5);
const input: LeagueInput = {
  touchpoints: [{ id: 1, importance: 1, departmentId: 1 }],
  journeys: [{ id: 1, stages: [{ id: 1, touchpointIds: [1] }] }],
  scales: new Map<string, MetricScale>([["csat", { kind: "csat", scaleMin: 1, scaleMax: 5, direction: "higher_is_better" }]]),
  minimumSample: 30,
  locations: [
    { id: 1, code: "NORTH", name: "North", kind: "region", parentId: null, active: true, managerName: "Olive" },
    { id: 2, code: "SOUTH", name: "South", kind: "region", parentId: null, active: true, managerName: null },
    { id: 11, code: "N-LEEDS", name: "Leeds", kind: "site", parentId: 1, active: true, managerName: null },
    { id: 12, code: "N-YORK", name: "York", kind: "site", parentId: 1, active: true, managerName: null },
    { id: 13, code: "S-BATH", name: "Bath", kind: "site", parentId: 2, active: true, managerName: null },
  ],
  byLocation: [leeds, york, bath],
  program: [{ ...csat(null, 130, 75) }],
};

describe("the location league", () => {
  const { rows, program } = buildLeague(input);
  const row = (code: string) => rows.find((r) => r.code === code)!;

  it("scores each site from its own responses, and the program from all of them", () => {
    expect(program).toMatchObject({ status: "ok", n: 130 });
    expect(program.status === "ok" && program.value).toBeCloseTo((100 * 75) / 130, 6);
    expect(row("N-LEEDS").metrics.csat!.score).toMatchObject({ status: "ok", n: 40, value: 75 });
    expect(row("N-YORK").metrics.csat!.score).toMatchObject({ status: "ok", n: 60, value: 50 });
    expect(row("NORTH").metrics.csat!.score).toMatchObject({ status: "ok", n: 100, value: 60 });
  });

  it("tests a site against everyone else: Leeds 75% against 45 of 90 elsewhere (50%) is better, significantly", () => {
    const vsRest = row("N-LEEDS").metrics.csat!.vsRest;
    // Pooled two-proportion z-test: p = 75/130, SE = √(p(1−p)(1/40 + 1/90)) = 9.388 pts, z = 25 / 9.388 = 2.66.
    // The margin is the unpooled one: 1.96 × √(.75·.25/40 + .5·.5/90) = 16.93 pts.
    expect(vsRest).toMatchObject({ status: "ok", significant: true, direction: "better" });
    expect(vsRest.status === "ok" && vsRest.difference).toBeCloseTo(25, 6);
    expect(vsRest.status === "ok" && vsRest.margin).toBeCloseTo(16.935, 2);
    // York, 50% against 45 of 70 elsewhere (64.3%): 14.3 pts lower, z = 14.3 / 8.69 = 1.64, not significant.
    expect(row("N-YORK").metrics.csat!.vsRest).toMatchObject({ status: "ok", significant: false, direction: "none" });
    expect(row("N-LEEDS").differenceFromProgram).toBeCloseTo(75 - (100 * 75) / 130, 6);
  });

  it("ranks only what has enough responses, and shows the rest and the responses with no location", () => {
    expect(row("N-LEEDS").rank).toBe(1);
    expect(row("N-YORK").rank).toBe(2);
    expect(row("S-BATH")).toMatchObject({ rank: null, score: { status: "insufficient", n: 10 } });
    expect(row("NORTH").rank).toBe(1);
    expect(row("SOUTH").rank).toBeNull();
    const none = rows.find((r) => r.kind === "none")!;
    expect(none).toMatchObject({ name: "No location", score: { n: 20 } });
    // Every response is somewhere: the sites and "no location" add up to the program.
    const sites = rows.filter((r) => r.kind === "site").reduce((sum, r) => sum + r.score.n, 0);
    expect(sites + none.score.n).toBe(program.n);
  });
});
