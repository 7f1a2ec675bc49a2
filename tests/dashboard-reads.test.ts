// Dashboards read only the roll-up tables: with survey_responses hidden (renamed inside a rolled-back
// transaction), the whole overview still computes. Also checks its figures on known data.
import { sql } from "drizzle-orm";
import { keyDriversView } from "../server/drivers/view";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentView } from "../server/scores/department";
import { journeyView } from "../server/scores/journey";
import { programOverview } from "../server/scores/overview";
import { scoreRows } from "../server/scores/api";
import { touchpointView } from "../server/scores/touchpoint";
import { writeSetting } from "../server/settings/program-settings";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";
import { locationLeagueView } from "../server/locations/views";
import { readDemand } from "../server/contacts/read";
import { failureDemandView } from "../server/contacts/views";
import { themesView, themeTrend } from "../server/themes/view";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  const [host, bill] = await database.db.execute<{ id: number }>(sql`select id from touchpoints order by code desc`);
  const rows: ResponseInput[] = [];
  for (let i = 0; i < 100; i += 1) {
    // Host greeting: 80 of 100 answer 4–5 in March; the bill: NPS 50 promoters, 30 passives, 20 detractors.
    rows.push({ touchpointId: host!.id, respondedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 12)), csat: i < 80 ? 5 : 2, externalId: `h${i}` });
    rows.push({ touchpointId: bill!.id, respondedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 12)), nps: i < 50 ? 10 : i < 80 ? 8 : 3, externalId: `b${i}` });
  }
  await ingestBatch(database.db, { fileName: "t", fileHash: "t", sourceFormat: "test", source: "api" }, rows);
});
afterAll(() => database.close());

const march = { from: "2026-03-01", to: "2026-03-31" };

class Rollback extends Error {}

describe("overview", () => {
  it("computes the headline figures from the roll-ups", async () => {
    const overview = await programOverview(database.db, march);
    expect(overview.tiles.csat.score).toMatchObject({ status: "ok", n: 100, value: 80 });
    expect(overview.tiles.nps.score).toMatchObject({ status: "ok", n: 100, value: 30 });
    expect(overview.tiles.ces.score).toEqual({ status: "insufficient", n: 0, minimum: 30 });
    // Host greeting normalised 80, the bill (30 + 100)/2 = 65; equal importance and n → stage scores 80 and 65.
    const dinner = overview.journeys[0]!;
    expect(dinner.stages.map((s) => (s.score.status === "ok" ? s.score.value : null))).toEqual([80, 65]);
    expect(dinner.weakestStage).toMatchObject({ name: "Pay", value: 65 });
    expect(overview.tiles.program.score).toMatchObject({ status: "ok", value: 72.5, n: 200 });
    expect(overview.tiles.program.change).toEqual({ status: "not_comparable", reason: "no_comparison_data" });
    expect(overview.momentsBelowTarget).toEqual([]);
  });

  it("never reads survey_responses or service_contacts: not the overview, journey, touchpoint, department or location views, the scores API, demand, key drivers or themes", async () => {
    const [ids] = await database.db.execute<{ journey: number; touchpoint: number; department: number }>(sql`
      select (select min(id) from journeys) as journey, (select min(id) from touchpoints) as touchpoint, (select min(id) from departments) as department`);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`alter table survey_responses rename to survey_responses_hidden_for_test`);
        await tx.execute(sql`alter table service_contacts rename to service_contacts_hidden_for_test`);
        const overview = await programOverview(tx, march);
        expect(overview.tiles.csat.score).toMatchObject({ status: "ok", n: 100 });
        expect((await journeyView(tx, ids!.journey, march)).stages).toHaveLength(2);
        expect((await touchpointView(tx, ids!.touchpoint, march)).metrics.length).toBeGreaterThan(0);
        expect((await departmentView(tx, ids!.department, march)).touchpoints).toHaveLength(1);
        expect(await scoreRows(tx, { level: "stage", ...march, grain: "month" })).toHaveLength(2);
        expect((await locationLeagueView(tx, march)).rows.map((r) => r.code)).toContain("N-LEEDS");
        expect(await scoreRows(tx, { level: "location", ...march, grain: "none" })).toHaveLength(3);
        expect(await readDemand(tx, march)).toMatchObject({ all: 0 });
        expect((await failureDemandView(tx, march)).headline).toMatchObject({ contacts: 0 });
        // Key drivers read the metric-pair sums (here no response answered two metrics).
        const drivers = await keyDriversView(tx, { scope: "journey", id: ids!.journey, ...march });
        expect(drivers.analysis).toMatchObject({ status: "no_drivers", n: 0 });
        expect(drivers.themeDrivers).toMatchObject({ n: 0, themes: [] });
        // Themes read the theme roll-ups (here no response has a comment); only their drill reads comments.
        expect((await themesView(tx, { level: "journey", id: ids!.journey, ...march })).totals).toMatchObject({ comments: 0, sentiment: null });
        expect((await themeTrend(tx, { level: "program", ...march })).months).toHaveLength(12);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    const [row] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from survey_responses`);
    expect(row!.n).toBe(200);
  });

  it("follows the minimum-sample setting: 100 answers become insufficient at a minimum of 200", async () => {
    const actor = { id: null, email: "test" };
    await expect(writeSetting(database.db, actor, { key: "minimum_sample", value: "2" })).rejects.toThrow(/at least 5/);
    await writeSetting(database.db, actor, { key: "minimum_sample", value: "200" });
    const overview = await programOverview(database.db, march);
    expect(overview.tiles.csat.score).toEqual({ status: "insufficient", n: 100, minimum: 200 });
    expect(overview.tiles.program.score.status).toBe("insufficient");
    await writeSetting(database.db, actor, { key: "minimum_sample", value: 30 });
  });

  it("refuses a period that ends before it starts", async () => {
    await expect(programOverview(database.db, { from: "2026-03-31", to: "2026-03-01" })).rejects.toThrow(/must not be after/);
  });

  it("refuses a period or comparison period past max_period_years, naming the field and the setting", async () => {
    await expect(programOverview(database.db, { from: "2000-01-01", to: "9999-12-31" })).rejects.toMatchObject({
      kind: "invalid",
      problems: [{ field: "to", message: expect.stringMatching(/at most 10 years \(setting max_period_years\)/) }],
    });
    await expect(
      touchpointView(database.db, 1, { from: "2026-01-01", to: "2026-03-31", compareFrom: "1900-01-01", compareTo: "2025-12-31" }),
    ).rejects.toMatchObject({
      problems: [{ field: "compareTo" }],
    });
  });
});
