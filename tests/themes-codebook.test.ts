// Setup › Themes: codebook changes are audited and move the version; re-tagging history makes the theme roll-ups equal
// the raw comments again (a deleted theme leaves none); themes travel in the model file; suggestions find what no theme covers.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "../db/schema";
import { createCaller } from "../server/api/root";
import type { SessionUser } from "../server/auth/users";
import { exportModel, importModel, ModelImportError } from "../server/model/transfer";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { createTheme, deleteTheme, listCodebook, updateTheme } from "../server/themes/codebook";
import { currentCodebookVersion } from "../server/themes/load";
import { retagAll, retagProgress } from "../server/themes/retag";
import { themeSuggestions } from "../server/themes/suggestions";
import { demoModel } from "../server/seed/demo-model";
import { demoThemes } from "../server/seed/demo-themes";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel, testModel } from "./support/fixtures";

const actor = { id: null, email: "test" };
let database: TestDatabase;
let people: Record<UserRole, SessionUser>;
let ids: { host: number; bill: number; leeds: number };

const words = {
  carPark: "The car park was full again, we drove around for ages.",
  charge: "The service charge was a surprise on the bill.",
  praise: "Lovely food and friendly staff.",
  cardMachine: "The card machine was broken so we paid cash.",
  queue: "A long queue at the door.",
};
// March (the comparison): no card machine. April: the card machine breaks, only detractors mention it.
const march = ["carPark", "charge", "praise", "praise", "queue"] as const;
const april = ["carPark", "carPark", "charge", "cardMachine", "praise"] as const;
const APRIL = { from: "2026-04-01", to: "2026-04-30" };

function responses(month: 2 | 3, cycle: readonly (keyof typeof words)[]): ResponseInput[] {
  return Array.from({ length: 200 }, (_, i) => {
    const kind = cycle[i % cycle.length]!;
    return {
      touchpointId: i % 2 === 0 ? ids.host : ids.bill,
      locationId: i % 3 === 0 ? ids.leeds : null,
      respondedAt: new Date(Date.UTC(2026, month, 1 + (i % 28), 12, i % 60)),
      // The card machine's comments are all detractors'; the rest spread over the scale.
      nps: kind === "cardMachine" ? 2 : i % 11,
      comment: words[kind],
      externalId: `codebook-${month}-${i}`,
    };
  });
}

async function auditActions(): Promise<string[]> {
  const rows = await database.db.execute<{ action: string }>(sql`select action from audit_log where entity_type = 'theme' order by id`);
  return rows.map((r) => r.action);
}

/** Per touchpoint, location grain, month and theme (0 = every comment): what the raw comments give, and what the roll-up holds. */
async function rollupsAgainstRaw() {
  const raw = await database.db.execute<{ key: string; comments: number; detractors: number }>(sql`
    select concat_ws('|', r.touchpoint_id, l.location_id, to_char(date_trunc('month', r.responded_at at time zone 'UTC'), 'YYYY-MM'), th.theme_id) as key,
      count(*)::int as comments, count(*) filter (where r.nps <= 6 or r.csat <= 2)::int as detractors
    from survey_responses r
    cross join lateral (select 0 as theme_id union all select unnest(coalesce(r.theme_ids, '{}'))) th
    cross join lateral (select 0 as location_id union all select r.location_id where r.location_id is not null) l
    where r.comment is not null group by 1 order by 1`);
  const rolled = await database.db.execute<{ key: string; comments: number; detractors: number }>(sql`
    select concat_ws('|', touchpoint_id, location_id, to_char(month, 'YYYY-MM'), theme_id) as key,
      comments::int as comments, detractor_comments::int as detractors
    from theme_monthly_rollups order by 1`);
  const daily = await database.db.execute<{ comments: number }>(sql`select coalesce(sum(comments), 0)::int as comments from theme_daily_rollups`);
  return { raw, rolled, dailyTotal: daily[0]!.comments, monthlyTotal: rolled.reduce((sum, r) => sum + r.comments, 0) };
}

/** Comments whose text holds the words, counted from survey_responses, and those tagged with the theme. */
async function mentions(pattern: string, themeId: number) {
  const [row] = await database.db.execute<{ written: number; tagged: number }>(sql`
    select count(*) filter (where comment ilike ${pattern})::int as written, count(*) filter (where theme_ids @> array[${themeId}::int])::int as tagged
    from survey_responses where comment is not null`);
  return row!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  const [row] = await database.db.execute<typeof ids>(sql`select
    (select id from touchpoints where code = 'SVC-HOST') as host, (select id from touchpoints where code = 'BIL-BILL') as bill,
    (select id from locations where code = 'N-LEEDS') as leeds`);
  ids = row!;
  // The codebook before the comments: the import tags them with it.
  await createTheme(database.db, actor, { name: "Service charge", terms: ["service charge"] });
  await createTheme(database.db, actor, { name: "Staff", terms: ["friendly"], touchpointCodes: ["SVC-HOST"] });
  const batch = (name: string) => ({ fileName: name, fileHash: name, sourceFormat: "test", source: "api" as const });
  await ingestBatch(database.db, batch("march"), responses(2, march));
  await ingestBatch(database.db, batch("april"), responses(3, april));
});
afterAll(() => database.close());

describe("codebook changes", () => {
  it("create, update and delete each write an audit entry and a new codebook version", async () => {
    const start = await currentCodebookVersion(database.db);
    const created = await createTheme(database.db, actor, { name: "Noise", terms: ["loud"] });
    expect(created.version).toBe(start + 1);
    const updated = await updateTheme(database.db, actor, created.id, { name: "Noise", terms: ["loud", "noisy"], touchpointCodes: ["BIL-BILL"] });
    expect(updated.version).toBe(start + 2);
    const [entry] = await database.db.execute<{ before: { terms: string[] }; after: { terms: string[]; touchpointCodes: string[] } }>(
      sql`select before, after from audit_log where action = 'theme.update' order by id desc limit 1`,
    );
    expect(entry!.before.terms).toEqual(["loud"]);
    expect(entry!.after).toMatchObject({ terms: ["loud", "noisy"], touchpointCodes: ["BIL-BILL"] });
    const removed = await deleteTheme(database.db, actor, created.id);
    expect(removed.version).toBe(start + 3);
    expect((await auditActions()).slice(-3)).toEqual(["theme.create", "theme.update", "theme.delete"]);
    await expect(updateTheme(database.db, actor, created.id, { name: "Noise", terms: ["loud"] })).rejects.toMatchObject({ kind: "not_found" });
    await expect(createTheme(database.db, actor, { name: "Service charge", terms: ["fee"] })).rejects.toMatchObject({ kind: "conflict" });
    await retagAll(database.db);
  });

  it("refuses, at the field, a touchpoint code that does not exist; owners are refused", async () => {
    const admin = createCaller({ db: database.db, user: people.admin });
    const attempt = admin.themeCodebook.create({ name: "Ghost", terms: ["ghost"], touchpointCodes: ["NOPE-1"] });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // The form shows the domain's problems at their fields (the error formatter passes them on as data.problems).
    const error = await attempt.then(
      () => null,
      (e: { cause?: { problems?: unknown } }) => e,
    );
    expect(error?.cause?.problems).toEqual([{ field: "touchpointCodes", message: expect.stringContaining("NOPE-1") }]);
    await expect(createCaller({ db: database.db, user: people.owner }).themeCodebook.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a new theme re-tags history: afterwards the roll-ups equal the raw comments", async () => {
    const admin = createCaller({ db: database.db, user: people.admin });
    const { id } = await admin.themeCodebook.create({ name: "Car park", terms: ["car park"] });
    const pending = await admin.themeCodebook.progress();
    expect(pending.pending).toBeGreaterThan(0);
    expect(pending.comments).toBe(400);
    // The router kicked a background run; this one finishes what it has not done yet.
    await retagAll(database.db);
    expect(await retagProgress(database.db)).toMatchObject({ pending: 0, comments: 400 });
    expect(await mentions("%car park%", id)).toEqual({ written: 120, tagged: 120 });
    const { raw, rolled, dailyTotal, monthlyTotal } = await rollupsAgainstRaw();
    expect(rolled).toEqual(raw);
    expect(dailyTotal).toBe(monthlyTotal);

    const list = await admin.themeCodebook.list();
    expect(list.period).toEqual({ from: "2026-01-29", to: "2026-04-28" });
    expect(list.themes.map((t) => t.name)).toEqual(["Car park", "Service charge", "Staff"]);
    expect(list.themes.find((t) => t.name === "Car park")).toMatchObject({ comments: 120, touchpoints: [], active: true });
    expect(list.themes.find((t) => t.name === "Staff")).toMatchObject({
      touchpointCodes: ["SVC-HOST"],
      touchpoints: [{ code: "SVC-HOST", name: "Host greeting" }],
    });
    // Praise at the host only: "friendly" at the bill is not the Staff theme's.
    const staff = list.themes.find((t) => t.name === "Staff")!;
    const [hostPraise] = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from survey_responses where comment like 'Lovely%' and touchpoint_id = ${ids.host}`,
    );
    expect(staff.comments).toBe(hostPraise!.n);
  });

  it("editing a theme's terms re-tags history to the new terms", async () => {
    const list = await listCodebook(database.db);
    const carPark = list.themes.find((t) => t.name === "Car park")!;
    await updateTheme(database.db, actor, carPark.id, { name: "Car park", terms: ["car park", "queue"] });
    await retagAll(database.db);
    const queue = await mentions("%queue%", carPark.id);
    expect(queue.written).toBe(40);
    expect(queue.tagged).toBe(120 + 40);
    const { raw, rolled } = await rollupsAgainstRaw();
    expect(rolled).toEqual(raw);
  });

  it("deleting a theme: its roll-ups wait for the re-tagger, which then leaves none", async () => {
    const list = await listCodebook(database.db);
    const carPark = list.themes.find((t) => t.name === "Car park")!;
    await deleteTheme(database.db, actor, carPark.id);
    const rowsOf = async () => {
      const [row] = await database.db.execute<{ n: number }>(sql`
        select ((select count(*) from theme_daily_rollups where theme_id = ${carPark.id}) + (select count(*) from theme_monthly_rollups where theme_id = ${carPark.id})
          + (select count(*) from theme_metric_daily_rollups where theme_id = ${carPark.id})
          + (select count(*) from theme_metric_monthly_rollups where theme_id = ${carPark.id}))::int as n`);
      return row!.n;
    };
    expect(await rowsOf()).toBeGreaterThan(0);
    expect((await listCodebook(database.db)).themes.map((t) => t.name)).not.toContain("Car park");
    await retagAll(database.db);
    expect(await rowsOf()).toBe(0);
    expect(await mentions("%car park%", carPark.id)).toMatchObject({ tagged: 0 });
    const { raw, rolled } = await rollupsAgainstRaw();
    expect(rolled).toEqual(raw);
  });
});

describe("themes in the model file", () => {
  it("exports the codebook, imports it back unchanged without a new version, and applies a change with one", async () => {
    const exported = await exportModel(database.db);
    expect(exported.themes).toEqual([
      { name: "Service charge", description: null, terms: ["service charge"], touchpointCodes: [], active: true },
      { name: "Staff", description: null, terms: ["friendly"], touchpointCodes: ["SVC-HOST"], active: true },
    ]);
    const version = await currentCodebookVersion(database.db);
    expect(await importModel(database.db, actor, exported)).toMatchObject({ themes: 2, themesChanged: 0 });
    expect(await currentCodebookVersion(database.db)).toBe(version);

    const changed = structuredClone(exported);
    changed.themes![1] = { ...changed.themes![1]!, terms: ["friendly", "kind"], touchpointCodes: ["SVC-HOST", "BIL-BILL"] };
    changed.themes!.push({ name: "Card machine", description: "Paying by card.", terms: ["card machine"], touchpointCodes: ["BIL-BILL"], active: true });
    expect(await importModel(database.db, actor, changed)).toMatchObject({ themes: 3, themesChanged: 2 });
    expect(await currentCodebookVersion(database.db)).toBe(version + 1);
    const again = await exportModel(database.db);
    expect(again.themes).toEqual([
      { name: "Card machine", description: "Paying by card.", terms: ["card machine"], touchpointCodes: ["BIL-BILL"], active: true },
      { name: "Service charge", description: null, terms: ["service charge"], touchpointCodes: [], active: true },
      { name: "Staff", description: null, terms: ["friendly", "kind"], touchpointCodes: ["BIL-BILL", "SVC-HOST"], active: true },
    ]);
    await importModel(database.db, actor, again);
    expect(await exportModel(database.db)).toEqual(again);
    // Leave the codebook as the suggestions below expect it: without the card machine.
    const cardMachine = (await listCodebook(database.db)).themes.find((t) => t.name === "Card machine")!;
    await deleteTheme(database.db, actor, cardMachine.id);
    await retagAll(database.db);
  });

  it("carries the demo's codebook: importing the demo model writes every demo theme under one new version", async () => {
    const fresh = await createTestDatabase();
    try {
      const before = await currentCodebookVersion(fresh.db);
      expect(await importModel(fresh.db, actor, demoModel)).toMatchObject({ themes: demoThemes.length, themesChanged: demoThemes.length });
      expect(await currentCodebookVersion(fresh.db)).toBe(before + 1);
      const exported = await exportModel(fresh.db);
      expect(exported.themes!.map((t) => t.name).sort()).toEqual(demoThemes.map((t) => t.name).sort());
      expect(exported.themes!.find((t) => t.name === "Food temperature")?.touchpointCodes).toContain("DIN-FOOD");
    } finally {
      await fresh.close();
    }
  });

  it("refuses a theme named twice or limited to a touchpoint the file does not have, at its path", async () => {
    const bad = structuredClone(testModel);
    bad.themes = [
      { name: "Waiting", terms: ["wait"] },
      { name: "Waiting", terms: ["queue"], touchpointCodes: ["SVC-HOST", "GHOST-1"] },
      { name: "", terms: [] },
    ];
    const problems = await importModel(database.db, actor, bad).then(
      () => [],
      (error: unknown) => (error instanceof ModelImportError ? error.modelProblems : Promise.reject(error)),
    );
    expect(problems.map((p) => p.path).sort()).toEqual(["themes.2.name", "themes.2.terms"]);
    bad.themes.pop();
    const references = await importModel(database.db, actor, bad).then(
      () => [],
      (error: unknown) => (error instanceof ModelImportError ? error.modelProblems : Promise.reject(error)),
    );
    expect(references).toEqual([
      { path: "themes[1].name", message: 'duplicate theme "Waiting"' },
      { path: "themes[1].touchpointCodes[1]", message: "no touchpoint with code GHOST-1" },
    ]);
  });
});

describe("suggestions", () => {
  it("offer a frequent phrase no theme covers and one rising among detractors, not what a theme covers, and say how many comments were read", async () => {
    const found = await themeSuggestions(database.db, { period: APRIL, minComments: 5 });
    expect(found.now).toEqual({ period: APRIL, read: 200, available: 200, detractorComments: expect.any(Number) });
    expect(found.before.period).toEqual({ from: "2026-03-02", to: "2026-03-31" });
    const phrases = found.suggestions.map((s) => s.phrase);
    expect(phrases).toContain("car park");
    expect(phrases).toContain("card machine");
    // Covered by "service charge" or "friendly", or part of them; "car" and "park" add nothing to "car park".
    for (const covered of ["service charge", "service", "charge", "friendly staff", "car", "park"]) expect(phrases).not.toContain(covered);

    const carPark = found.suggestions.find((s) => s.phrase === "car park")!;
    expect(carPark.reasons).toContain("frequent");
    expect(carPark.now.comments).toBe(80);
    // March 1 is not among the 30 days before April, so two of March's 40 are not counted.
    expect(carPark.before.comments).toBe(38);
    expect(carPark.examples).toHaveLength(3);
    expect(carPark.examples[0]!.comment).toBe(words.carPark);

    const cardMachine = found.suggestions.find((s) => s.phrase === "card machine")!;
    expect(cardMachine.reasons).toContain("rising_among_detractors");
    expect(cardMachine.before.comments).toBe(0);
    expect(cardMachine.now.detractorComments).toBe(40);
    expect(cardMachine.now.detractorShare).toMatchObject({ status: "ok", n: found.now.detractorComments });
    expect(cardMachine.detractorShareChange).toMatchObject({ status: "ok", significant: true, direction: "rising" });
    // The rising phrase comes first.
    expect(phrases[0]).toBe("card machine");
  });

  it("reads at most the cap of the latest comments, and a new theme stops a phrase being suggested", async () => {
    const capped = await themeSuggestions(database.db, { period: APRIL, cap: 50, minComments: 5 });
    expect(capped.now).toMatchObject({ read: 50, available: 200 });
    await createTheme(database.db, actor, { name: "Parking", terms: ["car parks"] });
    const after = await themeSuggestions(database.db, { period: APRIL, minComments: 5 });
    expect(after.suggestions.map((s) => s.phrase)).not.toContain("car park");
    const admin = createCaller({ db: database.db, user: people.admin });
    expect((await admin.themeCodebook.suggestions()).now.period).toEqual({ from: "2026-01-29", to: "2026-04-28" });
  });
});
