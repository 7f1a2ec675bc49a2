// Failure demand end to end: an admin imports a Zendesk ticket export, classifies its new reason as failure
// demand caused by the bill, and the CCO sees Billing's failure demand on the failure-demand view, the
// overview and the department page.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

const TICKETS = 400;
const REASON = "Service charge dispute";

/** A Zendesk ticket export of the last two weeks, in the account's time zone (London), every ticket about the service charge. */
function zendeskExport(): string {
  const day = 86_400_000;
  const at = (i: number) => {
    const local = new Date(Date.now() - (1 + (i % 14)) * day);
    return `${local.toISOString().slice(0, 10)} ${String(9 + (i % 10)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`;
  };
  const lines = [
    "ID,Requester,Requester email,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Contact reason [list],Store [list],Handling time (minutes)",
  ];
  for (let i = 0; i < TICKETS; i += 1) {
    lines.push(
      [`e2e-${i}`, `Guest ${i}`, `guest${i}@example.com`, "Guest care", '"Why is there a service charge, again?"', "complaint", "solved", "normal"]
        .concat([i % 2 ? "Phone call (inbound)" : "Chat", "question", at(i), REASON, i % 3 ? "LDN-SOHO" : "", "6"])
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

test("an admin imports a Zendesk export and maps its reason to the bill; the CCO sees Billing's failure demand", async ({ page }) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-zendesk-")), "zendesk-tickets.csv");
  fs.writeFileSync(file, zendeskExport());
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);

  // Upload: detected as Zendesk contacts; the account's time zone is asked for.
  await page.goto("/admin/imports");
  await page.getByLabel(/^Export file/).setInputFiles(file);
  await page.getByRole("button", { name: "Upload and detect" }).click();
  await expect(page.getByText("Detected: Zendesk ticket export")).toBeVisible();
  await expect(page.getByLabel("Service contacts (calls, chats, tickets, cases)")).toBeChecked();
  await expect(page.getByText(/Still needed: the Zendesk account's time zone/)).toBeVisible();
  await page.getByLabel(/^Time zone of these times/).fill("Europe/London");
  await screenshot(page, "contacts-import-mapping");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: `Import ${TICKETS} contacts` }).click();
  await expect(page.getByText(`Imported ${TICKETS} contacts.`)).toBeVisible({ timeout: 45_000 });
  await screenshot(page, "contacts-import-result");

  // Classify: the new reason is unclassified; map it to failure demand caused by the bill.
  await page.getByRole("link", { name: "Classify the contact reasons" }).click();
  await expect(page).toHaveURL(/\/admin\/contact-reasons/);
  await page.getByLabel("Search").fill("service charge");
  await page.getByLabel("Search").press("Enter");
  const row = page.getByRole("row").filter({ hasText: REASON });
  await expect(row).toContainText(/unclassified/i);
  await row.getByRole("button", { name: `Map ${REASON}…` }).click();
  const dialog = page.getByRole("dialog", { name: `Map “${REASON}”` });
  await dialog.getByLabel("failure demand caused by").check();
  await dialog.getByLabel("Touchpoint whose failure causes the contact").selectOption({ label: "PAY-BILL The bill (Billing & Payments)" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText(/failure demand/i);
  await screenshot(page, "contact-reasons");

  // The CCO: Billing & Payments causes the most failure demand, on every view that shows it.
  await page.context().clearCookies();
  await signIn(page, demoAccounts.executive);
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("region", { name: /Failure demand/ })).toBeVisible();
  await screenshot(page, "overview-failure-demand");

  await page.goto("/failure-demand");
  const byDepartment = page.getByRole("table", { name: /by department/i });
  await expect(byDepartment.getByRole("row").nth(1)).toContainText("Billing & Payments");
  // The charts load after the page: wait for every one before looking.
  await expect(page.locator("figure.chart svg.recharts-surface").first()).toBeVisible();
  await screenshot(page, "failure-demand");
  // The README's picture: the first screen of the view.
  await page.screenshot({ path: "test-results/screenshots/failure-demand-top.png", clip: { x: 0, y: 0, width: 1366, height: 1400 } });
  // Drill to the reasons of the bill: the new one is there.
  await page.goto("/failure-demand");
  await page
    .getByRole("link", { name: /The bill|PAY-BILL/ })
    .first()
    .click();
  await expect(page.getByText(REASON).first()).toBeVisible();

  await page.goto("/overview");
  await page.getByRole("rowheader", { name: "Billing & Payments" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/departments\/\d+/);
  await expect(page.getByText(/Contacts caused/i).first()).toBeVisible();
  await screenshot(page, "department-contacts");
  // Personal data never reaches an executive: the contacts drill shows no requester's email.
  await page.goto("/failure-demand/contacts?demand=failure");
  await expect(page.getByText("guest1@example.com")).toHaveCount(0);
});
