// An admin imports a Qualtrics export through the browser: the touchpoint column is not guessed, so they fix
// the mapping; they see the preview, import with the progress bar, see the dashboard change, and revert.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

const ROWS = 20_000;

/** A current-layout Qualtrics export for the bill touchpoint, answered over the last two weeks. */
function qualtricsExport(): string {
  const day = 86_400_000;
  const at = (i: number) => new Date(Date.now() - (1 + (i % 14)) * day).toISOString().slice(0, 19).replace("T", " ");
  const lines = [
    "StartDate,EndDate,Status,ResponseId,RecipientEmail,Q1_NPS,Q3,Where",
    '"Start Date","End Date","Response Type","Response ID","Recipient Email","How likely are you to recommend us?","Anything else?","Where"',
    ["startDate", "endDate", "status", "_recordId", "recipientEmail", "QID1", "QID3_TEXT", "Where"]
      .map((id) => `"{""ImportId"":""${id}"",""timeZone"":""Europe/London""}"`)
      .join(","),
  ];
  for (let i = 0; i < ROWS; i += 1) {
    const comment = i === 0 ? "E2E import: the bill came with a smile" : i % 5 === 0 ? "Fine" : "";
    lines.push([at(i), at(i), i === 1 ? "Survey Preview" : "IP Address", `R_e2e${i}`, "", String(i % 11), comment, "PAY-BILL"].join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

async function billResponses(page: Page): Promise<number> {
  await page.goto("/admin/touchpoints");
  // The seventh column, "Responses (12 mo)", is read from the roll-up tables.
  const text = await page.getByRole("row").filter({ hasText: "PAY-BILL" }).getByRole("cell").nth(6).innerText();
  return Number(text.replace(/,/g, ""));
}

test("an admin uploads a Qualtrics file, fixes the mapping, previews, imports with progress, sees the dashboard change, and reverts", async ({ page }) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-import-")), "bill-survey.csv");
  fs.writeFileSync(file, qualtricsExport());
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  const before = await billResponses(page);
  expect(before).toBeGreaterThan(0);

  await page.goto("/admin/imports");
  await page.getByLabel(/^Export file/).setInputFiles(file);
  await page.getByRole("button", { name: "Upload and detect" }).click();
  await expect(page.getByText("Detected: Qualtrics export")).toBeVisible();
  await expect(page.getByText(/Still needed: which touchpoint/)).toBeVisible();
  // The sample values are shown beside each column.
  await expect(
    page
      .getByRole("table", { name: /Columns of the file/ })
      .getByRole("row")
      .filter({ hasText: "Where" }),
  ).toContainText("PAY-BILL");

  // Preview without a touchpoint: the form says what is missing and nothing runs.
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The mapping is not complete" })).toContainText("Touchpoint");
  await page.getByLabel("Touchpoint code column").selectOption("Where");
  await screenshot(page, "import-mapping");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("1 skipped: preview, test or spam response")).toBeVisible();
  await screenshot(page, "import-preview");

  const importButton = page.getByRole("button", { name: `Import ${(ROWS - 1).toLocaleString("en")} responses` });
  await importButton.click();
  await expect(page.getByRole("status").filter({ has: page.locator("progress") })).toBeVisible();
  await expect(page.getByText(/Imported 19,999 responses/)).toBeVisible({ timeout: 45_000 });
  await screenshot(page, "import-result");

  // The volume counts each month's most-answered metric, and the demo already has CSAT answers this month,
  // so the rise is at least the new NPS answers less this month's seeded CSAT ones.
  const after = await billResponses(page);
  expect(after).toBeGreaterThan(before + ROWS / 2);
  await page.goto("/admin/imports");
  const batch = page.getByRole("row").filter({ hasText: "bill-survey.csv" });
  await expect(batch).toContainText("imported");
  await expect(batch).toContainText("Priya Natarajan");
  await screenshot(page, "import-history");

  page.once("dialog", (dialog) => void dialog.accept());
  await batch.getByRole("button", { name: /^Revert import/ }).click();
  await expect(batch).toContainText("reverted");
  expect(await billResponses(page)).toBe(before);
});

test("the upload and import routes refuse anyone who is not an admin", async ({ page, request }) => {
  const anonymous = await request.post("/api/imports/uploads", { multipart: { file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("a\n1\n") } } });
  expect(anonymous.status()).toBe(401);
  await signIn(page, demoAccounts.executive);
  await expect(page).toHaveURL(/\/overview$/);
  const asExecutive = await page.request.post("/api/imports/uploads", {
    multipart: { file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("a\n1\n") } },
  });
  expect(asExecutive.status()).toBe(403);
  expect((await page.request.post("/api/imports/uploads/throughline-upload-abcdef/run", { data: {} })).status()).toBe(403);
  expect((await page.request.get("/api/imports/uploads/throughline-upload-abcdef/errors")).status()).toBe(403);
  await page.goto("/admin/imports");
  await expect(page).toHaveURL(/\/overview$/);
});
