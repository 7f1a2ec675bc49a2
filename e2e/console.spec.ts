// No page logs an error in the browser: React hydration mismatches, failed requests and uncaught errors
// all fail this test, on the admin journey and touchpoint editors and the pages people open most.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("the main pages open without a console error", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  // The console says only "404"; the response says which resource.
  page.context().on("response", (response) => {
    if (response.status() >= 400) errors.push(`${page.url()}: ${response.status()} for ${response.url()}`);
  });
  await signIn(page, "admin@larderlane.example");
  await expect(page).not.toHaveURL(/sign-in/);
  for (const path of ["/overview", "/initiatives", "/methodology", "/admin/journeys", "/admin/touchpoints", "/admin/imports", "/admin/users"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await page.goto("/admin/journeys");
  await page
    .getByRole("link", { name: /Dine-in evening/ })
    .first()
    .click();
  await page.waitForLoadState("networkidle");
  await page.goto("/admin/touchpoints");
  await page.getByRole("link", { name: "Edit" }).first().click();
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
});
