// Bad files get one clear refusal at every entrance (the CLI, the browser's upload route and
// POST /api/v1/imports): no data rows, a damaged XLSX, a binary named .csv, a malformed multipart body.
// Nothing is written, no empty batch appears in the history, and no stack trace or 500 reaches anyone.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../server/tokens/api-tokens";
import { cliArgs, cliCommand } from "./support/cli";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

const run = promisify(execFile);
let database: TestDatabase;
let dir: string;
let token: string;
let IMPORT: (request: Request) => Promise<Response>;

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001", "hex");
const files: Record<string, { name: string; bytes: Buffer; message: RegExp; status: number }> = {
  "a header and no data rows": { name: "empty.csv", bytes: Buffer.from("id,touchpoint,date,nps\n"), message: /the file has no responses/i, status: 422 },
  "a damaged XLSX": {
    name: "broken.xlsx",
    bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]),
    message: /not a readable XLSX|could not be read/,
    status: 400,
  },
  "a PNG image named .csv": { name: "photo.csv", bytes: PNG, message: /not a text file \(it looks like a PNG image\)/, status: 400 },
  "a PDF named .csv": {
    name: "report.csv",
    bytes: Buffer.from("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n"),
    message: /looks like a PDF document/,
    status: 400,
  },
};

async function batches(): Promise<number> {
  const [row] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from import_batches`);
  return row!.n;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-refusals-"));
  for (const file of Object.values(files)) fs.writeFileSync(path.join(dir, file.name), file.bytes);
  token = await createApiToken(database.db, { id: null, email: "test" }, "refusals", { scopes: ["imports:write"] });
  process.env.DATABASE_URL = database.url;
  ({ POST: IMPORT } = await import("../app/api/v1/imports/route"));
});
afterAll(async () => {
  const { appDatabase } = await import("../server/database");
  await (await appDatabase()).close();
  delete process.env.DATABASE_URL;
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(Object.entries(files))("%s", (_label, file) => {
  it("is refused by the CLI with one sentence and exit 1, writing nothing", async () => {
    const failed = await run(cliCommand, cliArgs("import", path.join(dir, file.name)), { env: { ...process.env, DATABASE_URL: database.url } }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(file.message);
    expect(failed.stderr).not.toMatch(/\n\s+at |TypeError|Error:/);
    expect(await batches()).toBe(0);
  });

  it(`is refused by POST /api/v1/imports with ${file.status} and words`, async () => {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(file.bytes)]), file.name);
    const response = await IMPORT(
      new Request("http://localhost/api/v1/imports", { method: "POST", body: form, headers: { authorization: `Bearer ${token}` } }),
    );
    expect(response.status).toBe(file.status);
    expect(((await response.json()) as { error: string }).error).toMatch(file.message);
    expect(await batches()).toBe(0);
  });
});

describe("a malformed multipart upload", () => {
  it("is a 400 that says what to send", async () => {
    const body = '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nid,nps\n1,9\n'; // never closed
    const response = await IMPORT(
      new Request("http://localhost/api/v1/imports", {
        method: "POST",
        body,
        headers: { authorization: `Bearer ${token}`, "content-type": "multipart/form-data; boundary=xyz" },
      }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/multipart\/form-data.*field named file/);
  });
});
