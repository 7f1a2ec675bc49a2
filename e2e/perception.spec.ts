// An owner is reminded of the quarter's self-assessment, completes it for a touchpoint, and the perception
// gap page puts the expectation beside the customers' score; executives read it.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

test("an owner completes the quarterly self-assessment and the perception gap shows it", async ({ page }) => {
  await signIn(page, "graham@larderlane.example");
  await expect(page).toHaveURL(/\/my-touchpoints$/);
  await page.getByRole("link", { name: "Assess them now" }).click();
  await expect(page).toHaveURL(/\/my-touchpoints\/assessment$/);

  const form = page.getByRole("form", { name: "Assess The bill" });
  // A missing assessment starts blank, not pre-filled with a judgement nobody made.
  await expect(form.getByLabel("Capability")).toHaveValue("");
  await expect(form.getByLabel("Score customers will give (0–100)")).toHaveValue("");
  await form.getByLabel("Capability").selectOption("4");
  await form.getByLabel("Accessibility").selectOption("5");
  await form.getByLabel("Enjoyability").selectOption("4");
  await form.getByLabel("Score customers will give (0–100)").fill("82");
  await form.getByRole("button", { name: "Save assessment" }).click();
  await expect(form.getByRole("status")).toContainText("Saved for");
  await expect(form.getByText("assessed", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "See the perception gap" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Experience Perception Gap" })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /The bill/ }) });
  await expect(row).toContainText("4 · 5 · 4");
  await expect(row).toContainText("82.0");
  await expect(page.getByRole("img", { name: /largest perception gaps/ })).toBeVisible();
  await screenshot(page, "perception-gap");
  // Touchpoints still unassessed are listed with their owners.
  await expect(page.locator("#missing")).toContainText("Assessments missing");
  await expect(page.getByRole("list").filter({ hasText: "Splitting the bill" })).toContainText("Graham Whitfield");
});
