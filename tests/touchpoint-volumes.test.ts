// Touchpoint volumes: set, upsert (the same rows twice change nothing), all-or-nothing with every problem named by
// row and field, one audit entry per call, clearing a month, CSV text read into rows, the CLI's import and list.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkVolumeRows, parseVolumeCsv } from "../lib/touchpoint-volumes";
import { createCaller } from "../server/api/root";
import type { SessionUser } from "../server/auth/users";
import { transactionsByTouchpoint } from "../server/contacts/rates";
import { clearTouchpointVolume, listTouchpointVolumes, setTouchpointVolumes } from "../server/contacts/volumes";
import { DomainError } from "../server/errors";
import { setTouchpointActive } from "../server/setup/touchpoints";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";
import { cliArgs, cliCommand } from "./support/cli";

const run = promisify(execFile);
const actor = { id: null, email: "test" };
let database: TestDatabase;
let admin: SessionUser;
let workDir: string;
let hostId: number;
let billId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = (await seedTestModel(database.db)).admin;
  const ids = await database.db.execute<{ id: number; code: string }>(sql`select id, code from touchpoints`);
  hostId = ids.find((t) => t.code === "SVC-HOST")!.id;
  billId = ids.find((t) => t.code === "BIL-BILL")!.id;
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-volumes-"));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const stored = async () =>
  database.db.execute<{ code: string; month: string; transactions: number }>(sql`
    select t.code, to_char(v.month, 'YYYY-MM') as month, v.transactions::int as transactions
    from touchpoint_volumes v join touchpoints t on t.id = v.touchpoint_id order by t.code, v.month`);
const audits = async (action: string) =>
  database.db.execute<{ after: Record<string, unknown> | null; before: Record<string, unknown> | null; actorEmail: string }>(sql`
    select after, before, actor_email as "actorEmail" from audit_log where action = ${action} order by id`);
const clearAll = () => database.db.execute(sql`delete from touchpoint_volumes`);

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(cliCommand, cliArgs(...args), { env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("setting volumes", () => {
  it("stores each touchpoint's month, lists them by code and month, and the failure-demand view reads them", async () => {
    await clearAll();
    const saved = await setTouchpointVolumes(database.db, actor, {
      rows: [
        { touchpoint: "BIL-BILL", month: "2026-03", transactions: 8000 },
        { touchpoint: "bil-bill", month: "2026-04", transactions: "6,000" },
        { touchpoint: " SVC-HOST ", month: "2026-03", transactions: "1200" },
      ],
    });
    expect(saved).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, touchpoints: ["BIL-BILL", "SVC-HOST"], from: "2026-03", to: "2026-04" });
    expect(await stored()).toEqual([
      { code: "BIL-BILL", month: "2026-03", transactions: 8000 },
      { code: "BIL-BILL", month: "2026-04", transactions: 6000 },
      { code: "SVC-HOST", month: "2026-03", transactions: 1200 },
    ]);
    const listed = await listTouchpointVolumes(database.db);
    expect(listed.map((v) => [v.touchpoint, v.month, v.transactions])).toEqual([
      ["BIL-BILL", "2026-03", 8000],
      ["BIL-BILL", "2026-04", 6000],
      ["SVC-HOST", "2026-03", 1200],
    ]);
    expect(listed[0]).toMatchObject({ touchpointId: billId, name: "The bill", active: true });
    expect((await listTouchpointVolumes(database.db, { touchpointId: hostId })).map((v) => v.month)).toEqual(["2026-03"]);
    expect((await listTouchpointVolumes(database.db, { touchpoint: "BIL-BILL", from: "2026-04" })).map((v) => v.month)).toEqual(["2026-04"]);
    expect((await listTouchpointVolumes(database.db, { to: "2026-03" })).length).toBe(2);
    // The view's worked example: 1 March – 15 April is all of March and half of April.
    const transactions = await transactionsByTouchpoint(database.db, { from: "2026-03-01", to: "2026-04-15" });
    expect(transactions.get(billId)).toBe(11_000);
    expect(transactions.has(hostId)).toBe(false); // no April volume: no rate rather than a wrong one
  });

  it("is idempotent: the same rows again change nothing; a changed figure replaces the stored one", async () => {
    await clearAll();
    const rows = [
      { touchpoint: "BIL-BILL", month: "2026-03", transactions: 8000 },
      { touchpoint: "BIL-BILL", month: "2026-04", transactions: 6000 },
    ];
    await setTouchpointVolumes(database.db, actor, { rows });
    const [before] = await database.db.execute<{ updatedAt: string }>(
      sql`select updated_at::text as "updatedAt" from touchpoint_volumes where month = '2026-03-01'`,
    );
    expect(await setTouchpointVolumes(database.db, actor, { rows })).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 2 });
    const [after] = await database.db.execute<{ updatedAt: string }>(
      sql`select updated_at::text as "updatedAt" from touchpoint_volumes where month = '2026-03-01'`,
    );
    expect(after!.updatedAt).toBe(before!.updatedAt);
    const changed = await setTouchpointVolumes(database.db, actor, {
      rows: [
        { touchpoint: "BIL-BILL", month: "2026-04", transactions: 6500 },
        { touchpoint: "BIL-BILL", month: "2026-05", transactions: 7000 },
      ],
    });
    expect(changed).toMatchObject({ rows: 2, created: 1, updated: 1, unchanged: 0 });
    expect((await stored()).map((r) => r.transactions)).toEqual([8000, 6500, 7000]);
  });

  it("is all-or-nothing: one bad row and nothing is written, every problem named by row and field", async () => {
    await clearAll();
    await setTouchpointVolumes(database.db, actor, { rows: [{ touchpoint: "BIL-BILL", month: "2026-03", transactions: 8000 }] });
    const error = await refusal(
      setTouchpointVolumes(database.db, actor, {
        rows: [
          { touchpoint: "BIL-BILL", month: "2026-03", transactions: 9000 },
          { touchpoint: "SVC-HOST", month: "2026-04", transactions: 100 },
          { touchpoint: "BIL-BILL", month: "2026-13", transactions: 100 },
          { touchpoint: "BIL-BILL", month: "2026-05", transactions: -4 },
          { touchpoint: "BIL-BILL", month: "2026-06", transactions: "lots" },
          { touchpoint: "BIL-BILL", month: "2026-07", transactions: 12.5 },
          { touchpoint: "", month: "", transactions: "" },
          { touchpoint: "BIL-BILL", month: "2026-03", transactions: 1 },
          null as unknown as { touchpoint: string },
        ],
      }),
    );
    expect(error.kind).toBe("invalid");
    expect(error.problems).toEqual([
      { field: "row 3, month", message: '"2026-13" is not a month (use YYYY-MM)' },
      { field: "row 4, transactions", message: "must be a whole number of 0 or more, e.g. 9500" },
      { field: "row 5, transactions", message: '"lots" is not a whole number of 0 or more, e.g. 9500' },
      { field: "row 6, transactions", message: "must be a whole number of 0 or more, e.g. 9500" },
      { field: "row 7, touchpoint", message: "required: a touchpoint code, e.g. DEL-TRACKING" },
      { field: "row 7, month", message: "required: use YYYY-MM, e.g. 2026-09" },
      { field: "row 7, transactions", message: "required: a whole number of 0 or more, e.g. 9500" },
      { field: "row 8, month", message: "BIL-BILL 2026-03 is also in row 1; give each month once" },
      { field: "row 9", message: "must give touchpoint, month and transactions" },
    ]);
    expect(error.message).toMatch(/^9 problems, so nothing was saved: row 3, month: "2026-13" is not a month \(use YYYY-MM\); row 4, transactions: /);
    expect(await stored()).toEqual([{ code: "BIL-BILL", month: "2026-03", transactions: 8000 }]);
  });

  it("names unknown and deactivated touchpoints by row, with the rows' other problems, and writes nothing", async () => {
    await clearAll();
    await setTouchpointActive(database.db, actor, hostId, false);
    try {
      const error = await refusal(
        setTouchpointVolumes(database.db, actor, {
          rows: [
            { touchpoint: "BIL-BILL", month: "2026-03", transactions: 8000 },
            { touchpoint: "DEL-TRACKER", month: "2026-03", transactions: 10 },
            { touchpoint: "SVC-HOST", month: "2026-03", transactions: 10 },
            { touchpoint: "NOPE", month: "2026-3", transactions: 10 },
          ],
        }),
      );
      expect(error.problems).toEqual([
        { field: "row 2, touchpoint", message: "DEL-TRACKER is not a touchpoint code; check the code under Setup › Touchpoints" },
        { field: "row 3, touchpoint", message: "SVC-HOST Host greeting is deactivated; reactivate it to record its volumes" },
        { field: "row 4, touchpoint", message: "NOPE is not a touchpoint code; check the code under Setup › Touchpoints" },
        { field: "row 4, month", message: '"2026-3" is not a month (use YYYY-MM)' },
      ]);
      expect(await stored()).toEqual([]);
    } finally {
      await setTouchpointActive(database.db, actor, hostId, true);
    }
  });

  it("takes 1 to 10,000 rows", async () => {
    expect((await refusal(setTouchpointVolumes(database.db, actor, { rows: [] }))).problems).toEqual([
      { field: "rows", message: "give at least one row: touchpoint, month, transactions" },
    ]);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({
      touchpoint: "BIL-BILL",
      month: `${1900 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
      transactions: 1,
    }));
    expect((await refusal(setTouchpointVolumes(database.db, actor, { rows: tooMany }))).problems).toEqual([
      { field: "rows", message: "at most 10,000 rows at once; split the file" },
    ]);
    const full = await setTouchpointVolumes(database.db, actor, { rows: tooMany.slice(0, 10_000) });
    expect(full).toMatchObject({ rows: 10_000, created: 10_000, from: "1900-01", to: "2733-04" });
    await clearAll();
  });

  it("writes one audit entry per call, with its counts", async () => {
    await clearAll();
    const before = (await audits("touchpoint_volume.set")).length;
    await setTouchpointVolumes(
      database.db,
      { id: admin.id, email: admin.email },
      {
        rows: [
          { touchpoint: "BIL-BILL", month: "2026-03", transactions: 8000 },
          { touchpoint: "SVC-HOST", month: "2026-03", transactions: 100 },
        ],
      },
    );
    await refusal(setTouchpointVolumes(database.db, actor, { rows: [{ touchpoint: "BIL-BILL", month: "March", transactions: 1 }] }));
    const entries = await audits("touchpoint_volume.set");
    expect(entries.length).toBe(before + 1);
    expect(entries.at(-1)).toMatchObject({
      actorEmail: admin.email,
      after: { rows: 2, created: 2, updated: 0, unchanged: 0, touchpoints: ["BIL-BILL", "SVC-HOST"], from: "2026-03", to: "2026-03" },
    });
  });
});

describe("clearing a month", () => {
  it("removes one touchpoint's month with its audit entry; a month with no volume is not found", async () => {
    await clearAll();
    await setTouchpointVolumes(database.db, actor, {
      rows: [
        { touchpoint: "BIL-BILL", month: "2026-03", transactions: 8000 },
        { touchpoint: "BIL-BILL", month: "2026-04", transactions: 6000 },
      ],
    });
    expect(await clearTouchpointVolume(database.db, actor, { touchpointId: billId, month: "2026-04" })).toEqual({
      touchpointId: billId,
      touchpoint: "BIL-BILL",
      month: "2026-04",
      transactions: 6000,
    });
    expect(await stored()).toEqual([{ code: "BIL-BILL", month: "2026-03", transactions: 8000 }]);
    expect((await audits("touchpoint_volume.clear")).at(-1)!.before).toMatchObject({ touchpoint: "BIL-BILL", month: "2026-04", transactions: 6000 });
    const again = await refusal(clearTouchpointVolume(database.db, actor, { touchpointId: billId, month: "2026-04" }));
    expect(again).toMatchObject({
      kind: "not_found",
      message: "BIL-BILL has no volume for Apr 2026 to clear; reload the page to see the volumes as they are now.",
    });
    expect((await refusal(clearTouchpointVolume(database.db, actor, { touchpointId: 999_999, month: "2026-04" }))).kind).toBe("not_found");
    expect((await refusal(clearTouchpointVolume(database.db, actor, { touchpointId: billId, month: "2026-4" }))).problems).toEqual([
      { field: "month", message: '"2026-4" is not a month (use YYYY-MM)' },
    ]);
  });
});

describe("the router", () => {
  it("sets, lists and clears for admins, and passes the row-named problems on", async () => {
    await clearAll();
    const api = createCaller({ db: database.db, user: admin }).contactReasons;
    await api.setVolumes({ rows: [{ touchpoint: "SVC-HOST", month: "2026-02", transactions: 321 }] });
    expect((await api.volumes()).map((v) => [v.touchpoint, v.month, v.transactions])).toEqual([["SVC-HOST", "2026-02", 321]]);
    const error = await api.setVolumes({ rows: [{ touchpoint: "SVC-HOST", month: "2026-13", transactions: 1 }] }).then(
      () => null,
      (e: { code: string; message: string; cause: DomainError }) => e,
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: '1 problem, so nothing was saved: row 1, month: "2026-13" is not a month (use YYYY-MM)' });
    expect(error!.cause.problems).toEqual([{ field: "row 1, month", message: '"2026-13" is not a month (use YYYY-MM)' }]);
    await api.clearVolume({ touchpointId: hostId, month: "2026-02" });
    expect(await api.volumes({ touchpointId: hostId })).toEqual([]);
    await expect(api.volumes({ from: "2026-05", to: "2026-01" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [{ path: ["to"], message: "comes before from; give the months oldest first" }] },
    });
  });
});

describe("CSV text", () => {
  it("reads a header in any order, rows without one, spreadsheet cells, quoted thousands and numbers rows from 1", () => {
    const withHeader = parseVolumeCsv('\uFEFFmonth,Transactions,touchpoint,note\r\n2026-03,"9,500",DEL-TRACKING,peak\r\n\r\n2026-04,9800,DEL-TRACKING,\r\n');
    expect(withHeader.problems).toEqual([]);
    expect(checkVolumeRows(withHeader.rows)).toEqual({
      ok: true,
      rows: [
        { touchpoint: "DEL-TRACKING", month: "2026-03", transactions: 9500 },
        { touchpoint: "DEL-TRACKING", month: "2026-04", transactions: 9800 },
      ],
    });
    const pasted = parseVolumeCsv("PAY-BILL\t2026-03\t24 150\nPAY-BILL\t2026-04\t23900");
    expect(checkVolumeRows(pasted.rows)).toMatchObject({ ok: true, rows: [{ transactions: 24_150 }, { transactions: 23_900 }] });
    const semicolons = parseVolumeCsv("touchpoint;month;transactions\nRES-ONLINE;2026-03;6000");
    expect(checkVolumeRows(semicolons.rows)).toMatchObject({ ok: true, rows: [{ touchpoint: "RES-ONLINE" }] });
  });

  it("says what is wrong with the text or a row", () => {
    expect(parseVolumeCsv('touchpoint,month,transactions\nPAY-BILL,"2026-03,100').problems).toEqual([
      { row: null, field: "text", message: expect.stringMatching(/^cannot be read as CSV: Quote Not Closed.*line 2; check the quotes$/) },
    ]);
    expect(parseVolumeCsv("touchpoint,month,volume\nPAY-BILL,2026-03,100").problems).toEqual([
      { row: null, field: "header", message: "names no transactions column; write touchpoint,month,transactions" },
    ]);
    const extra = parseVolumeCsv("PAY-BILL,2026-03,100\nPAY-BILL,2026-04,100,7");
    expect(extra.problems).toEqual([{ row: 2, field: "row 2", message: "has 4 columns; write touchpoint,month,transactions" }]);
    expect(extra.lines).toEqual(["PAY-BILL, 2026-03, 100", "PAY-BILL, 2026-04, 100, 7"]);
    const short = checkVolumeRows(parseVolumeCsv("PAY-BILL,2026-03").rows);
    expect(short).toEqual({ ok: false, problems: [{ row: 1, field: "row 1, transactions", message: "required: a whole number of 0 or more, e.g. 9500" }] });
  });
});

describe("the CLI", () => {
  it("imports a file through the same rules, twice without change, and lists it back as CSV", { timeout: 60_000 }, async () => {
    await clearAll();
    const file = path.join(workDir, "volumes.csv");
    fs.writeFileSync(file, 'touchpoint,month,transactions\nBIL-BILL,2026-03,"8,000"\nBIL-BILL,2026-04,6000\nSVC-HOST,2026-03,1200\n');
    const first = await cli("volumes", "import", file);
    expect(first.stderr).toBe("");
    expect(first.stdout.trim()).toBe("Saved 3 monthly volumes for 2 touchpoints (Mar 2026 to Apr 2026): 3 new, 0 changed, 0 unchanged.");
    const second = await cli("volumes", "import", file);
    expect(second.stdout).toContain("0 new, 0 changed, 3 unchanged.");
    expect((await audits("touchpoint_volume.set")).at(-1)!.actorEmail).toBe("cli");

    const listed = await cli("volumes", "list", "--touchpoint", "BIL-BILL");
    expect(listed.stdout).toBe("touchpoint,month,transactions\nBIL-BILL,2026-03,8000\nBIL-BILL,2026-04,6000\n");
    expect((await cli("volumes", "list")).stdout.trim().split("\n")).toHaveLength(4);
    const unknown = await cli("volumes", "list", "--touchpoint", "NOPE");
    expect(unknown).toMatchObject({ code: 1, stderr: "error: There is no touchpoint with the code NOPE; check Setup › Touchpoints.\n" });
  });

  it("refuses a bad file, listing every problem by row, and writes nothing", { timeout: 60_000 }, async () => {
    await clearAll();
    const file = path.join(workDir, "bad.csv");
    fs.writeFileSync(file, "touchpoint,month,transactions\nBIL-BILL,2026-03,8000\nBIL-BILL,2026-13,6000\nNOPE,2026-03,5\n");
    const bad = await cli("volumes", "import", file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      `error: ${file}: 2 problems, nothing was saved:\n` +
        `  ${file}: row 2, month: "2026-13" is not a month (use YYYY-MM)\n` +
        `  ${file}: row 3, touchpoint: NOPE is not a touchpoint code; check the code under Setup › Touchpoints\n`,
    );
    fs.writeFileSync(file, "BIL-BILL,2026-03,8000\nBIL-BILL,2026-04,8000,12\n");
    const extraColumn = await cli("volumes", "import", file);
    expect(extraColumn.stderr).toBe(`error: ${file}: 1 problem, nothing was saved:\n  ${file}: row 2: has 4 columns; write touchpoint,month,transactions\n`);
    expect(await stored()).toEqual([]);
  });
});
