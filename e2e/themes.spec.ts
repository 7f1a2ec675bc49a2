// Themes in the browser: the CCO opens Experience › Themes for the month the demo's service charge starts, finds
// "Service charge" rising significantly, opens its trend and its comments with the charge highlighted, downloads the
// CSV, and finds the charge in the themes section of the bill's own page; axe passes on both.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

// As server/seed/demo.ts seeds it (12 months to today, the billing change BILLING_CHANGE_MONTHS_BEFORE_END = 4 months
// before the end, counting the last month): the charge's month starts three months before this one.
const MONTHS = 12;
const BILLING_CHANGE_MONTHS_BEFORE_END = 4;

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** The charge's month, against the month before it (the comparison period of the same length just before). */
function chargeMonth() {
  const now = new Date();
  const offset = MONTHS - 1 - (MONTHS - BILLING_CHANGE_MONTHS_BEFORE_END);
  const month = (delta: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - offset + delta, 1));
  const lastDayBefore = (start: Date) => new Date(start.getTime() - 86_400_000);
  return { from: iso(month(0)), to: iso(lastDayBefore(month(1))), compareFrom: iso(month(-1)), compareTo: iso(lastDayBefore(month(0))) };
}

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

test("the CCO finds the service charge rising in its month, reads its comments highlighted and downloads the table", async ({ page }) => {
  test.setTimeout(90_000);
  const period = chargeMonth();
  const query = new URLSearchParams(period).toString();
  await signIn(page, demoAccounts.executive);
  await expect(page).toHaveURL(/\/overview$/);
  await page.getByRole("navigation").getByRole("link", { name: "Themes" }).click();
  await expect(page).toHaveURL(/\/themes$/);
  await expect(page.getByRole("heading", { name: "Themes", level: 1 })).toBeVisible();

  // The charge's month, chosen in the URL so the view is the same on every run.
  await page.goto(`/themes?${query}`);
  const rising = page.getByTestId("rising-themes");
  await expect(rising.getByRole("heading", { name: "Rising" })).toBeVisible();
  await expect(rising.getByRole("listitem").filter({ hasText: "Service charge" })).toContainText(/rising significantly \(p [<=] [\d.]+\)/);
  const table = page.getByRole("table", { name: "Themes: Whole program" });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Service charge/ }) });
  await expect(row).toContainText(/\d+(\.\d)?% \(95% CI [\d.]+%–[\d.]+%\)/);
  await expect(row).toContainText("rising significantly");
  await expect(page.getByTestId("themes-totals")).toContainText(/n = [\d,]+ comments/);
  await expect(page.getByRole("img", { name: /largest themes/ })).toBeVisible();
  await screenshot(page, "themes");
  await expectNoSeriousViolations(page);

  // The theme's own trend and its comments, the charge's words marked.
  await row.getByRole("link", { name: /^Service charge/ }).click();
  await expect(page).toHaveURL(/[?&]theme=\d+#trend$/);
  await expect(page.getByRole("heading", { name: "Service charge: share of comments, last 12 months" })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Service charge: share of comments by month/ })).toBeVisible();
  await expect(page.locator(".recharts-line").first()).toBeVisible();
  await page.getByText("Trend as a table").click();
  await expect(page.getByRole("table", { name: "Service charge by month" }).getByRole("row")).toHaveCount(MONTHS + 1);
  const comments = page.getByTestId("theme-comments");
  await expect(comments).toContainText(/Showing \d+ of [\d,]+ comments about Service charge/);
  await expect(comments.locator("mark").first()).toHaveText(/service charge|new charge|service fee|price rise|extra line|charges at the bottom/i);
  await screenshot(page, "themes-service-charge");
  await expectNoSeriousViolations(page);

  // The CSV: the table's rows, named after the scope and period, with the change's p-value.
  const link = page.getByRole("link", { name: "Download CSV" });
  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toContain(`filename="themes-program-${period.from}-${period.to}.csv"`);
  const csv = await response.text();
  const [header, ...lines] = csv.trim().split("\n");
  expect(header).toContain("theme,comments,total_comments,share");
  expect(header).toContain("p_value");
  expect(lines.some((line) => line.includes("Service charge") && line.includes("rising"))).toBe(true);

  // The bill's own page carries the charge in its themes section, for the same month.
  const billId = await page.locator('#of option:has-text("(PAY-BILL)")').getAttribute("value");
  expect(billId).toMatch(/^touchpoint:\d+$/);
  await page.goto(`/touchpoints/${billId!.split(":")[1]}?${query}`);
  const section = page.getByTestId("themes-section");
  await expect(section.getByRole("heading", { name: "What the comments are about" })).toBeVisible();
  await expect(section.getByText("Rising significantly:")).toBeVisible();
  await expect(section.getByRole("rowheader", { name: /^Service charge/ })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, "touchpoint-themes");
  await expectNoSeriousViolations(page);

  // Its drill opens the bill's comments about the charge on Experience › Themes.
  await section
    .getByRole("rowheader", { name: /^Service charge/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/\/themes\?level=touchpoint&id=\d+.*&theme=\d+#comments$/);
  await expect(page.getByTestId("theme-comments").locator("mark").first()).toBeVisible();
});
