// The executive overview: numbers with their n, filters in the URL, drill-down from the heatmap.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

test("an executive reads the overview, drills from a heatmap cell, and the filtered view is a shareable URL", async ({ page, browser }) => {
  await signIn(page, "cco@larderlane.example");
  await expect(page).toHaveURL(/\/overview$/);
  const tiles = page.getByLabel("Headline scores");
  await expect(tiles.getByText(/n = [\d,]+/).first()).toBeVisible();
  await screenshot(page, "overview-dashboard");

  await page.getByRole("row", { name: /Billing & Payments/ }).getByRole("link").first().click();
  await expect(page).toHaveURL(/departmentId=\d+/);
  await expect(page).toHaveURL(/journeyId=\d+/);
  const shared = page.url();
  await expect(page.getByRole("rowheader", { name: "Billing & Payments" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Guest Care" })).toHaveCount(0);

  await page.getByLabel("From", { exact: true }).fill("2026-01-01");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2026-01-01/);

  const other = await browser.newContext();
  const colleague = await other.newPage();
  await signIn(colleague, "admin@larderlane.example");
  await expect(colleague).toHaveURL(/\/overview$/);
  await colleague.goto(shared);
  await expect(colleague.getByRole("rowheader", { name: "Billing & Payments" })).toBeVisible();
  await expect(colleague.getByRole("rowheader", { name: "Guest Care" })).toHaveCount(0);
  await other.close();
});
