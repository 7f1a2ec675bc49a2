// The executive's drill-down: overview → heatmap cell → journey → touchpoint → the customers' words;
// filters live in the URL, so a colleague opening the link sees the same view.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

test("an executive drills from a heatmap cell to a touchpoint to its verbatims, changes the period and shares the URL", async ({ page, browser }) => {
  await signIn(page, "cco@larderlane.example");
  await expect(page).toHaveURL(/\/overview$/);
  const tiles = page.getByLabel("Headline scores");
  await expect(tiles.getByText(/n = [\d,]+/).first()).toBeVisible();
  await screenshot(page, "overview-dashboard");

  // The heatmap's CSV: one row per filled cell, with its n and score, written in the browser.
  const downloading = page.waitForEvent("download");
  await page
    .locator(".section-head", { has: page.getByRole("heading", { name: "The silos across the journey" }) })
    .getByRole("button", { name: "Download CSV" })
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^heatmap \d{4}-\d{2}-\d{2} \d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs
    .readFileSync(await download.path(), "utf8")
    .trim()
    .split("\n");
  expect(csv[0]).toBe("department,journey,stage,n,score");
  expect(csv.length).toBeGreaterThan(10);
  expect(csv.find((line) => line.startsWith("Billing & Payments,Dine-in evening,"))).toMatch(/,\d+,(\d+(\.\d)?|insufficient)$/);

  // The board-pack print: no navigation, no filters, no buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".sidebar")).toBeHidden();
  await expect(page.getByRole("form", { name: "Filters" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Download CSV" }).first()).toBeHidden();
  await expect(page.getByRole("heading", { name: "The silos across the journey" })).toBeVisible();
  await screenshot(page, "overview-print");
  await page.emulateMedia({ media: "screen" });

  // Billing & Payments in the Dine-in evening › Pay stage.
  await page
    .getByRole("row", { name: /Billing & Payments/ })
    .getByRole("cell")
    .getByRole("link")
    .first()
    .click();
  await expect(page).toHaveURL(/\/journeys\/\d+\?.*departmentId=\d+/);
  await expect(page.getByRole("heading", { level: 1, name: "Dine-in evening" })).toBeVisible();
  await screenshot(page, "journey");

  await page
    .getByRole("link", { name: /^The bill/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/touchpoints\/\d+/);
  await expect(page.getByRole("heading", { level: 1, name: /The bill/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Net Promoter Score" })).toBeVisible();
  const verbatims = page.getByTestId("verbatims");
  await expect(verbatims.locator("blockquote").first()).toBeVisible();
  // Executives never see respondents' contact details.
  await expect(verbatims).not.toContainText("@mail.example");
  await page.getByLabel("Answer", { exact: true }).selectOption("dissatisfied");
  await expect(verbatims.getByText(/CSAT [12]\b/).first()).toBeVisible();
  await expect(verbatims.getByText(/CSAT [345]\b/)).toHaveCount(0);
  await screenshot(page, "touchpoint");

  await page.goto("/overview");
  // Dates are typed as every page shows them; the URL carries ISO.
  await expect(page.getByLabel("To", { exact: true })).toHaveValue(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
  await page.getByLabel("From", { exact: true }).fill("31 Feb 2026");
  await page.getByLabel("From", { exact: true }).blur();
  await expect(page.locator("#from-problem")).toHaveText("Type a date like 3 Sep 2026 (day, month, year).");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).not.toHaveURL(/from=/);
  await page.getByLabel("From", { exact: true }).fill("1 January 2026");
  await page.getByLabel("From", { exact: true }).blur();
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("1 Jan 2026");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2026-01-01/);
  const shared = page.url();

  const other = await browser.newContext();
  const colleague = await other.newPage();
  await signIn(colleague, "admin@larderlane.example");
  await expect(colleague).toHaveURL(/\/overview$/);
  await colleague.goto(shared);
  await expect(colleague.getByLabel("From", { exact: true })).toHaveValue("1 Jan 2026");
  await other.close();
});

test("the owner of a touchpoint sees respondents' contact details in its comments", async ({ page }) => {
  await signIn(page, "graham@larderlane.example");
  await expect(page).toHaveURL(/\/my-touchpoints$/);
  await page.goto("/overview");
  await page
    .getByRole("link", { name: /^The bill/ })
    .first()
    .click();
  await expect(page.getByTestId("verbatims")).toContainText("@mail.example");
});

test("a from-date after the to-date is said at the dates, and the view still shows", async ({ page }) => {
  await signIn(page, "cco@larderlane.example");
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/overview?from=2026-09-30&to=2026-06-01");
  await expect(page.locator("#to-problem")).toContainText("To (1 Jun 2026) is before From (30 Sep 2026); showing the default period instead.");
  await expect(page.locator("#to")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByLabel("Headline scores")).toBeVisible();
});

test("a journey's and a department's own pages offer no control that would do nothing", async ({ page }) => {
  await signIn(page, "cco@larderlane.example");
  await page.getByRole("link", { name: "Dine-in evening" }).first().click();
  await expect(page).toHaveURL(/\/journeys\/\d+/);
  await expect(page.getByLabel("Filters").getByLabel("Journey")).toHaveCount(0);
  await expect(page.getByLabel("Filters").getByLabel("Department")).toHaveCount(1);
  await page.goto("/overview");
  await page.getByRole("link", { name: "Billing & Payments" }).first().click();
  await expect(page).toHaveURL(/\/departments\/\d+/);
  await expect(page.getByLabel("Filters").getByLabel("Department")).toHaveCount(0);
  await expect(page.getByLabel("Filters").getByLabel("Journey")).toHaveCount(1);
});

test("how each figure is computed is one click from its tile", async ({ page }) => {
  await signIn(page, "cco@larderlane.example");
  await page.getByRole("link", { name: "How NPS is computed" }).click();
  await expect(page).toHaveURL(/\/methodology#scores$/);
  await expect(page.getByRole("heading", { name: "Scores", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "100 · (p − d), p = share of 9–10, d = share of 0–6" })).toBeVisible();
  await screenshot(page, "methodology");
});

test("the comments list pages through the period and downloads every comment as CSV named after the touchpoint", async ({ page }) => {
  await signIn(page, "admin@larderlane.example");
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto("/overview");
  await page.getByRole("link", { name: "Dine-in evening" }).first().click();
  await page
    .getByRole("link", { name: /The bill/ })
    .first()
    .click();
  const list = page.getByTestId("verbatims");
  await expect(list).toContainText(/Showing 50 of [\d,]+ comments/);
  await page.getByRole("button", { name: "Show 50 more" }).click();
  await expect(list).toContainText(/Showing 100 of/);
  const link = page.getByRole("link", { name: /Download all [\d,]+ as CSV/ });
  const total = Number((await link.textContent())!.replace(/\D/g, ""));
  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toMatch(/filename="comments-[A-Z0-9-]+-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"/);
  const csv = await response.text();
  expect(csv.split("\n")[0]).toBe("responded_at,nps,csat,ces,comment,respondent_name,respondent_email");
  expect(csv.trim().split("\n").length).toBeGreaterThanOrEqual(total + 1);
});

for (const [orientation, width, height] of [
  ["portrait", 718, 1047],
  ["landscape", 1077, 700],
] as const) {
  test(`the board pack fits A4 ${orientation}: the trend's every month and the heatmap's every column`, async ({ page }) => {
    // A4 less 12 mm margins, at 96 px per inch.
    await page.setViewportSize({ width, height });
    await signIn(page, "cco@larderlane.example");
    await expect(page).toHaveURL(/\/overview$/);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByLabel("Filters")).toBeHidden();
    const heatmap = page.locator("table.heatmap");
    const lastColumn = heatmap.locator("thead th").last();
    expect((await lastColumn.boundingBox())!.x + (await lastColumn.boundingBox())!.width).toBeLessThanOrEqual(width + 1);
    const trend = page.locator(".recharts-surface").first();
    await expect(trend).toBeVisible();
    expect((await trend.boundingBox())!.width).toBeLessThanOrEqual(width);
    await expect(page.locator(".recharts-xAxis .recharts-cartesian-axis-tick")).toHaveCount(12);
    await screenshot(page, `overview-print-${orientation}`);
  });
}

for (const [orientation, width, height] of [
  ["portrait", 718, 1047],
  ["landscape", 1077, 700],
] as const) {
  test(`a journey's board pack fits A4 ${orientation}: every stage of the map and of the emotion curve`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await signIn(page, "cco@larderlane.example");
    await expect(page).toHaveURL(/\/overview$/);
    await page.getByRole("link", { name: "Dine-in evening" }).first().click();
    await expect(page).toHaveURL(/\/journeys\/\d+/);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByLabel("Filters")).toBeHidden();
    const stages = page.locator(".journey-map .stage");
    expect(await stages.count()).toBeGreaterThan(3);
    for (const box of await stages.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(width + 1);
    const trend = page.locator(".recharts-surface").first();
    await expect(trend).toBeVisible();
    expect((await trend.boundingBox())!.width).toBeLessThanOrEqual(width);
    await expect(page.locator(".recharts-xAxis").first().locator(".recharts-cartesian-axis-tick")).toHaveCount(await stages.count());
    await screenshot(page, `journey-print-${orientation}`);
  });
}

test("at 1440 px the heatmap and the journey map show their last columns without scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, "cco@larderlane.example");
  await expect(page).toHaveURL(/\/overview$/);
  const overflow = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(await overflow("table.heatmap")).toBeLessThanOrEqual(1);
  expect(
    await page
      .locator("table.heatmap")
      .first()
      .evaluate((table) => table.parentElement!.scrollWidth - table.parentElement!.clientWidth),
  ).toBeLessThanOrEqual(1);
  await page.getByRole("link", { name: "Dine-in evening" }).first().click();
  await expect(page).toHaveURL(/\/journeys\/\d+/);
  expect(await overflow(".journey-map")).toBeLessThanOrEqual(1);
});
