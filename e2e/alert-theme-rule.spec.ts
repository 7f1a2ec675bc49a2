// An admin adds a theme-share rule on Setup › Alert rules: without a theme, and with a minimum share over 100%, the
// server's words appear at those fields; fixed, the rule is listed in words. The demo's program-wide rule is there too.
import { expect, test } from "@playwright/test";
import { demoAccounts, signIn } from "./helpers";

test("an admin watches a theme's share of comments, told at each field what is missing", async ({ page }) => {
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/alert-rules");
  await expect(page.getByRole("row").filter({ hasText: "Service charge share rising" })).toContainText(
    "The share of comments on “Service charge” rises significantly month over month, the whole program",
  );

  const form = page.locator("#rule-form");
  await form.getByLabel("Name", { exact: true }).fill("Waiting time at the bill");
  await form.getByLabel("Kind", { exact: true }).selectOption({ label: "A theme's share of comments rises significantly" });
  await form.getByLabel("Scope", { exact: true }).selectOption({ label: "Touchpoints" });
  await form.getByLabel("Compare", { exact: true }).selectOption({ label: "Week over week" });
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "choose the theme whose share of comments to watch" })).toBeVisible();
  await expect(form.getByLabel("Theme", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Theme", { exact: true }).selectOption({ label: "Waiting time" });
  await form.getByLabel("Minimum share (%)", { exact: true }).fill("5");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByRole("status")).toContainText("Added “Waiting time at the bill”");
  await expect(page.getByRole("row").filter({ hasText: "Waiting time at the bill" })).toContainText(
    "The share of comments on “Waiting time” rises significantly week over week to at least 5% of comments, each touchpoint",
  );
});
