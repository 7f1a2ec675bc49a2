// The demo seed is deterministic (same counts and checksum twice) and tells the stories a CCO should find.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoCompany } from "../server/seed/demo";
import { billingChangeComments, commentFits, negativeComments, neutralComments, positiveComments } from "../server/seed/demo-comments";
import { rebuildRollups } from "../server/rollups/maintain";
import { readDemand } from "../server/contacts/read";
import { keyDriversView } from "../server/drivers/view";
import { themesView } from "../server/themes/view";
import { createTestDatabase, type TestDatabase } from "./support/database";

const endDate = new Date("2026-11-20T00:00:00Z");
let first: TestDatabase;
let second: TestDatabase;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seedDemoCompany(first.db, { endDate });
  await seedDemoCompany(second.db, { endDate });
  // Two full demo companies, one after the other (~70 s each on a loaded 2-core CI machine, all in Node).
}, 300_000);
afterAll(async () => {
  await first.close();
  await second.close();
});

async function fingerprint(database: TestDatabase) {
  const [row] = await database.db.execute<Record<string, number | string>>(sql`
    select (select count(*)::int from departments) as departments,
      (select count(*)::int from users) as users,
      (select count(*)::int from journeys) as journeys,
      (select count(*)::int from journey_stages) as stages,
      (select count(*)::int from touchpoints) as touchpoints,
      (select count(*)::int from survey_responses) as responses,
      (select count(*)::int from initiatives) as initiatives,
      (select count(*)::int from service_contacts) as contacts,
      (select md5(string_agg(concat_ws('|', c.external_id, c.occurred_at, c.channel, c.reason_set_id, c.handle_seconds, c.location_id), ',' order by c.external_id))
        from service_contacts c) as "contactChecksum",
      (select md5(string_agg(concat_ws('|', r.external_id, t.code, r.responded_at, r.nps, r.csat, r.ces, r.custom_values, r.comment, r.respondent_email), ',' order by r.external_id))
        from survey_responses r join touchpoints t on t.id = r.touchpoint_id) as checksum`);
  return row!;
}

async function fingerprintAlerts(database: TestDatabase) {
  return database.db.execute(sql`select rule_id, entity_key, period_key, status, summary from alerts order by rule_id, entity_key, period_key`);
}

async function monthlyCsat(database: TestDatabase, code: string) {
  return database.db.execute<{ month: string; n: number; top_box_share: number }>(sql`
    select r.month::text, r.response_count::int as n, r.top_box::float / r.response_count as top_box_share
    from touchpoint_monthly_rollups r join touchpoints t on t.id = r.touchpoint_id join metric_definitions m on m.id = r.metric_id
    where t.code = ${code} and m.code = 'csat' order by r.month`);
}

describe("demo seed", () => {
  it("is deterministic: same counts and same checksum twice", async () => {
    const a = await fingerprint(first);
    expect(a).toEqual(await fingerprint(second));
    expect(a).toMatchObject({ departments: 7, journeys: 3 });
    expect(Number(a.touchpoints)).toBeGreaterThanOrEqual(38);
    expect(Number(a.responses)).toBeGreaterThan(90_000);
    expect(Number(a.responses)).toBeLessThan(110_000);
    expect(Number(a.contacts)).toBeGreaterThan(35_000);
    expect(Number(a.contacts)).toBeLessThan(45_000);
  });

  it("tells the failure-demand story: Billing causes the most contacts after the service charge, and the most growth", async () => {
    const departmentOf = new Map(
      (
        await first.db.execute<{ id: number; department: string }>(sql`
          select t.id, d.name as department from touchpoints t join departments d on d.id = t.department_id`)
      ).map((r) => [r.id, r.department]),
    );
    const byDepartment = async (period: { from: string; to: string }) => {
      const split = await readDemand(first.db, period);
      const totals = new Map<string, number>();
      for (const [touchpointId, demand] of split.byTouchpoint) {
        const department = departmentOf.get(touchpointId)!;
        totals.set(department, (totals.get(department) ?? 0) + demand.contacts);
      }
      return { split, ranked: [...totals].sort((a, b) => b[1] - a[1]) };
    };
    const last = await byDepartment({ from: "2026-08-23", to: "2026-11-20" });
    const before = await byDepartment({ from: "2026-05-25", to: "2026-08-22" });
    expect(last.ranked[0]![0]).toBe("Billing & Payments");
    const growth = last.ranked.map(([department, n]) => [department, n - (before.ranked.find(([d]) => d === department)?.[1] ?? 0)] as const);
    expect(growth.sort((a, b) => b[1] - a[1])[0]![0]).toBe("Billing & Payments");
    // Failure demand is a large share, and some is still left unclassified for an admin.
    expect(last.split.failure / last.split.all).toBeGreaterThan(0.35);
    expect(last.split.unclassified / last.split.all).toBeGreaterThan(0.05);
  });

  it("imports its tickets as two overlapping Zendesk exports, the overlap recognised and not doubled", async () => {
    const batches = await first.db.execute<{ fileName: string; read: number; imported: number; skipped: number }>(sql`
      select file_name as "fileName", rows_read as read, rows_imported as imported, rows_skipped as skipped
      from import_batches where kind = 'contacts' order by id`);
    expect(batches.map((b) => b.fileName)).toEqual(["zendesk-tickets-first-half.csv", "zendesk-tickets-second-half.csv"]);
    // The seventh month is in both files: the second import skips it as already imported.
    expect(batches[1]!.skipped).toBeGreaterThan(3_000);
    const [counted] = await first.db.execute<{ contacts: number; rolled: number }>(sql`
      select (select count(*)::int from service_contacts) as contacts, (select sum(contacts)::int from contact_monthly_rollups) as rolled`);
    expect(counted!.rolled).toBe(counted!.contacts);
  });

  it("fills the roll-ups exactly as a rebuild would", async () => {
    const before = await first.db.execute(sql`select * from touchpoint_monthly_rollups order by 1, 2, 3`);
    await first.db.transaction((tx) => rebuildRollups(tx));
    expect(await first.db.execute(sql`select * from touchpoint_monthly_rollups order by 1, 2, 3`)).toEqual(before);
  });

  it("has a touchpoint that improves, one that declines and one with too few responses", async () => {
    const valet = await monthlyCsat(first, "ARR-VALET");
    expect(valet.at(-2)!.top_box_share - valet[0]!.top_box_share).toBeGreaterThan(0.2);
    const tracking = await monthlyCsat(first, "DEL-TRACKING");
    expect(tracking[0]!.top_box_share - tracking.at(-2)!.top_box_share).toBeGreaterThan(0.2);
    const sparse = await monthlyCsat(first, "SAL-PRIVATE-DINING");
    expect(sparse.reduce((sum, m) => sum + m.n, 0)).toBeLessThan(30);
  });

  it("shows service contacts spiking after the billing change", async () => {
    const care = await monthlyCsat(first, "CARE-PHONE");
    const before = care.slice(0, 7).reduce((sum, m) => sum + m.n, 0) / 7;
    const after = care.slice(8, 11).reduce((sum, m) => sum + m.n, 0) / 3;
    expect(after / before).toBeGreaterThan(1.6);
  });

  it("puts every comment about a particular moment on a touchpoint it fits (no tracker complaint on the bill)", async () => {
    const rows = await first.db.execute<{ comment: string; code: string }>(sql`
      select distinct r.comment, t.code from survey_responses r join touchpoints t on t.id = r.touchpoint_id where r.comment is not null`);
    const particular = [...positiveComments, ...neutralComments, ...negativeComments, ...billingChangeComments].filter((c) => c.fits);
    const misplaced = rows.flatMap((row) => {
      const template = particular.find((c) => new RegExp(`^${c.text.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace("{topic}", ".+")}$`).test(row.comment));
      return template && !commentFits(template, row.code) ? [`${row.code}: ${row.comment}`] : [];
    });
    expect(misplaced).toEqual([]);
    const tracker = rows.filter((row) => /tracking map/.test(row.comment)).map((row) => row.code);
    expect(new Set(tracker)).toEqual(new Set(["DEL-TRACKING"]));
  });

  it("tells the location stories: the valet is poor at Canary Wharf only, tracking declines in the North first, Glasgow is too new to rank", async () => {
    const share = (code: string, months: string) =>
      first.db.execute<{ location: string; region: string; share: number; n: number }>(
        sql.raw(`
        select l.code as location, p.code as region, sum(r.top_box)::float / sum(r.response_count) as share, sum(r.response_count)::int as n
        from location_monthly_rollups r join touchpoints t on t.id = r.touchpoint_id join metric_definitions m on m.id = r.metric_id
          join locations l on l.id = r.location_id join locations p on p.id = l.parent_id
        where t.code = '${code}' and m.code = 'csat' and ${months}
        group by l.code, p.code order by share`),
      );
    const valet = await share("ARR-VALET", "true");
    expect(valet[0]!.location).toBe("LDN-CANARY");
    expect(valet[1]!.share - valet[0]!.share).toBeGreaterThan(0.1);
    const lastMonths = "r.month >= date '2026-07-01'";
    const tracking = await share("DEL-TRACKING", lastMonths);
    const byRegion = (region: string) => tracking.filter((r) => r.region === region);
    const mean = (rows: Array<{ share: number; n: number }>) => rows.reduce((sum, r) => sum + r.share * r.n, 0) / rows.reduce((sum, r) => sum + r.n, 0);
    expect(mean(byRegion("LDN")) - mean(byRegion("NTH"))).toBeGreaterThan(0.08);
    expect(mean(byRegion("SCO")) - mean(byRegion("NTH"))).toBeGreaterThan(0.08);
    const [glasgow] = await first.db.execute<{ n: number }>(sql`
      select coalesce(sum(r.response_count), 0)::int as n from location_daily_rollups r join locations l on l.id = r.location_id
      join metric_definitions m on m.id = r.metric_id where l.code = 'SCO-GLASGOW' and m.code = 'csat'`);
    expect(glasgow!.n).toBeGreaterThan(0);
    expect(glasgow!.n).toBeLessThan(30);
  });

  it("tells the key-driver story: speed drives table service and the dine-in stage, value for money next to nothing", async () => {
    const idOf = async (query: ReturnType<typeof sql>) => (await first.db.execute<{ id: number }>(query))[0]!.id;
    const server = await idOf(sql`select id from touchpoints where code = 'DIN-SERVER'`);
    const dine = await idOf(sql`select id from journey_stages where name = 'Dine'`);
    const period = { from: "2026-08-21", to: "2026-11-19" };
    for (const [scope, id] of [
      ["touchpoint", server],
      ["stage", dine],
    ] as const) {
      const view = await keyDriversView(first.db, { scope, id, ...period });
      expect(view.analysis.status, scope).toBe("ok");
      if (view.analysis.status !== "ok") continue;
      const byCode = new Map(view.analysis.drivers.map((d) => [d.code, d]));
      // Of the attribute questions, speed explains most (overall CSAT, the guest's own summary, may share the lead).
      expect(view.analysis.drivers.find((d) => d.code !== "csat")!.code, scope).toBe("speed");
      if (scope === "touchpoint") expect(view.analysis.drivers[0]!.code).toBe("speed");
      // Value is asked but moves nothing: the smallest share by far, last (a true zero still tests significant
      // in about one sample in twenty, so its significance is not what the story rests on).
      expect(byCode.get("value")!.weight, scope).toBeLessThan(2);
      expect(view.analysis.drivers.at(-1)!.code, scope).toBe("value");
    }
  });

  it("tells the themes' story: the service charge rises significantly in its month, on the program and on the bill", async () => {
    const [bill] = await first.db.execute<{ id: number }>(sql`select id from touchpoints where code = 'PAY-BILL'`);
    // August 2026, the charge's month, against July (the comparison period of the same length just before).
    const august = { from: "2026-08-01", to: "2026-08-31", compareFrom: "2026-07-01", compareTo: "2026-07-31" };
    for (const [level, id] of [
      ["program", undefined],
      ["touchpoint", bill!.id],
    ] as const) {
      const view = await themesView(first.db, { level, id, ...august });
      const charge = view.themes.find((t) => t.name === "Service charge");
      expect(charge?.change, level).toMatchObject({ status: "ok", significant: true, direction: "rising" });
      expect(charge!.change.status === "ok" && charge!.change.pValue, level).toBeLessThan(0.05);
      expect(charge!.share.status, level).toBe("ok");
      if (level === "touchpoint") expect(view.themes[0]!.name).toBe("Service charge");
    }
  });

  it("opens the alerts' cases: the service charge's month handled and closed, and what the rules find at the end", async () => {
    const rows = await first.db.execute<{ kind: string; status: string; n: number }>(
      sql`select kind, status, count(*)::int as n from alerts group by 1, 2 order by 1, 2`,
    );
    const count = (kind: string, status: string) => rows.find((row) => row.kind === kind && row.status === status)?.n ?? 0;
    // August, the charge's month: NPS fell on every journey and the bill caused more contacts; Billing closed each.
    expect(count("metric_drop", "closed")).toBe(3);
    expect(count("contacts_up", "closed")).toBeGreaterThanOrEqual(1);
    const [bill] = await first.db.execute<{ root_cause: string }>(
      sql`select a.root_cause from alerts a join touchpoints t on t.id = a.touchpoint_id where a.kind = 'contacts_up' and t.code = 'PAY-BILL'`,
    );
    expect(bill!.root_cause).toMatch(/service charge/);
    // The service charge's share of the program's comments rose that month: one program-wide case, closed too.
    expect(count("theme_share", "closed")).toBe(1);
    // The last day: detractors to call back, touchpoints clearly below their CSAT target; all still open.
    expect(count("detractor_words", "open")).toBeGreaterThan(0);
    expect(count("below_target", "open")).toBeGreaterThan(0);
    expect(await fingerprintAlerts(first)).toEqual(await fingerprintAlerts(second));
  });

  it("lets every demo account sign in with the documented password", async () => {
    const rows = await first.db.execute<{ n: number }>(sql`select count(*)::int as n from users where password_hash is null`);
    expect(rows[0]!.n).toBe(0);
  });
});
