// At 375 px (a phone) every page is usable: the navigation folds into a Menu, nothing runs off the side
// (tables scroll inside their own box), and the trend draws at the width. Screenshots are saved to look at.
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

test.use({ viewport: { width: 375, height: 812 } });

async function fitsTheWidth(page: Page) {
  // Measured once the page has rendered (no loading outline left), charts included.
  await expect(page.locator(".skeleton")).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "the page is wider than the phone").toBeLessThanOrEqual(1);
}

test("an executive reads the overview, a journey and a touchpoint on a phone", async ({ page }) => {
  await signIn(page, "cco@larderlane.example");
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("link", { name: "Perception gap" })).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(page.getByRole("link", { name: "Perception gap" })).toBeVisible();
  await page.getByRole("button", { name: "Close menu" }).click();
  await fitsTheWidth(page);
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  const chartWidth = await page
    .locator(".recharts-surface")
    .first()
    .evaluate((svg) => svg.getBoundingClientRect().width);
  expect(chartWidth).toBeGreaterThan(200);
  expect(chartWidth).toBeLessThanOrEqual(375);
  await screenshot(page, "phone-overview");

  await page.getByRole("link", { name: "Dine-in evening" }).first().click();
  await expect(page).toHaveURL(/\/journeys\/\d+/);
  await fitsTheWidth(page);
  await screenshot(page, "phone-journey");

  await page.getByRole("link", { name: /Valet/ }).first().click();
  await expect(page).toHaveURL(/\/touchpoints\/\d+/);
  await fitsTheWidth(page);
  await screenshot(page, "phone-touchpoint");
});

test("an admin's import page fits a phone", async ({ page }) => {
  await signIn(page, "admin@larderlane.example");
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto("/admin/imports");
  await fitsTheWidth(page);
  await screenshot(page, "phone-import");
});

test("an owner's navigation marks one current page", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, "graham@larderlane.example");
  await expect(page).toHaveURL(/\/my-touchpoints$/);
  await page.goto("/my-touchpoints/assessment");
  await expect(page.locator('nav[aria-label="Main"] [aria-current="page"]')).toHaveCount(1);
  await expect(page.locator('nav[aria-label="Main"] [aria-current="page"]')).toHaveText("Self-assessment");
});
