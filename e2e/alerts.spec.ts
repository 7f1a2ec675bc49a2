// The closed loop in the browser: an admin imports a survey export in which a detractor asks for a refund; the
// bill's owner gets the case, sees whom to call back, acknowledges it and closes it with a root cause and the
// action taken; the CCO sees it closed, acknowledged within the SLA, without the respondent's details.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

const BILL_OWNER = "graham@larderlane.example";
const COMMENT = "E2E alert: they added a charge I never asked for, I want a refund";

/** A small Qualtrics export for the bill: three answers from yesterday, one a detractor asking for a refund. */
function qualtricsExport(): string {
  const at = new Date(Date.now() - 86_400_000).toISOString().slice(0, 19).replace("T", " ");
  const rows = [
    ["R_alert1", "2", COMMENT, "pat.refund@mail.example"],
    ["R_alert2", "9", "Lovely evening", ""],
    ["R_alert3", "8", "", ""],
  ];
  return [
    "StartDate,EndDate,Status,ResponseId,RecipientEmail,Q1_NPS,Q3,Where",
    '"Start Date","End Date","Response Type","Response ID","Recipient Email","How likely are you to recommend us?","Anything else?","Where"',
    ["startDate", "endDate", "status", "_recordId", "recipientEmail", "QID1", "QID3_TEXT", "Where"]
      .map((id) => `"{""ImportId"":""${id}"",""timeZone"":""Europe/London""}"`)
      .join(","),
    ...rows.map(([id, nps, comment, email]) => [at, at, "IP Address", id, email, nps, `"${comment}"`, "PAY-BILL"].join(",")),
  ].join("\r\n");
}

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} ${v.help}`)).toEqual([]);
}

test("a detractor's refund becomes the bill owner's case, closed with its root cause; the CCO sees it closed within the SLA", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-alert-")), "bill-refund.csv");
  fs.writeFileSync(file, qualtricsExport());

  // The admin imports the export.
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/imports");
  await page.getByLabel(/^Export file/).setInputFiles(file);
  await page.getByRole("button", { name: "Upload and detect" }).click();
  await expect(page.getByText("Detected: Qualtrics export")).toBeVisible();
  await page.getByLabel("Touchpoint code column").selectOption("Where");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Import 3 responses" }).click();
  await expect(page.getByText(/Imported 3 responses/)).toBeVisible({ timeout: 30_000 });

  // The bill's owner: the case is theirs, with the words and whom to call back (evaluated just after the import).
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, BILL_OWNER);
  await expect(owner).toHaveURL(/\/(overview|my-touchpoints|locations)/);
  const row = owner
    .getByRole("row")
    .filter({ hasText: /A detractor at The bill wrote/ })
    .filter({ hasText: "refund" });
  await expect(async () => {
    await owner.goto("/alerts");
    await expect(row.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(owner.getByRole("navigation").getByRole("link", { name: /^Alerts \d+ to resolve/ })).toBeVisible();
  await screenshot(owner, "alerts");
  await expectNoSeriousViolations(owner);
  await row.first().getByRole("link").click();
  await expect(owner.getByTestId("respondent")).toContainText("pat.refund@mail.example");
  await expect(owner.getByTestId("comment")).toContainText(COMMENT);
  await owner.getByRole("button", { name: "Acknowledge" }).click();
  await expect(owner.getByTestId("case-status")).toHaveText("Acknowledged");

  // Closing needs the root cause and the action taken, said at the field.
  await owner.getByRole("button", { name: "Close case" }).click();
  await expect(owner.getByLabel("Root cause")).toHaveAttribute("aria-invalid", "true");
  await expect(owner.getByLabel("Action taken")).toHaveAttribute("aria-invalid", "true");
  await owner.getByLabel("Root cause").fill("The service charge was added without telling the guest");
  await owner.getByLabel("Action taken").fill("Called back, refunded the charge, menus now state it");
  await owner.getByRole("button", { name: "Close case" }).click();
  await expect(owner.getByTestId("case-status")).toHaveText("Closed");
  await screenshot(owner, "alert-case");
  await expectNoSeriousViolations(owner);
  const caseUrl = owner.url();
  await ownerContext.close();

  // The CCO: the case is closed, acknowledged within the SLA, and the respondent's details are not shown.
  const ccoContext = await browser.newContext();
  const cco = await ccoContext.newPage();
  await signIn(cco, demoAccounts.executive);
  await expect(cco).toHaveURL(/\/overview$/);
  await cco.goto("/alerts?show=closed");
  await expect(
    cco
      .getByRole("row")
      .filter({ hasText: /A detractor at The bill wrote/ })
      .filter({ hasText: "refund" })
      .first(),
  ).toBeVisible();
  await cco.goto(caseUrl);
  await expect(cco.getByTestId("case-status")).toHaveText("Closed");
  await expect(cco.getByText(/acknowledged .*, within the SLA/)).toBeVisible();
  await expect(cco.getByTestId("respondent")).toHaveCount(0);
  await expect(cco.getByTestId("comment")).toHaveCount(0);
  await expect(cco.getByText(COMMENT)).toHaveCount(0);
  await expect(cco.getByText("pat.refund@mail.example")).toHaveCount(0);
  await expect(cco.getByRole("button", { name: "Close case" })).toHaveCount(0);
  await ccoContext.close();
});
