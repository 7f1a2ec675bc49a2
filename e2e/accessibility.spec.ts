// An axe accessibility check of every view: no serious or critical violations.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

async function expectNoSeriousViolations(page: import("@playwright/test").Page, view: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${view}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("every view passes axe without serious violations", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto("/sign-in");
  await expectNoSeriousViolations(page, "sign-in");
  await signIn(page, "admin@larderlane.example");
  await expect(page).toHaveURL(/\/overview$/);
  await expectNoSeriousViolations(page, "overview");

  await page.getByRole("heading", { level: 3 }).getByRole("link", { name: "Home delivery" }).click();
  await expect(page).toHaveURL(/\/journeys\/\d+/);
  await expectNoSeriousViolations(page, "journey");

  await page
    .getByRole("link", { name: /^Order tracking/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/touchpoints\/\d+/);
  await expect(page.getByTestId("verbatims")).toBeVisible();
  await expectNoSeriousViolations(page, "touchpoint");

  await page.goto("/overview");
  await page.getByRole("rowheader", { name: "Guest Care" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/departments\/\d+/);
  await expectNoSeriousViolations(page, "department");
  await screenshot(page, "department");

  // A seeded initiative, with its impact card, timeline and editor (admins may edit any).
  await page.goto("/initiatives/1");
  await expect(page.getByRole("region", { name: /^Impact/ })).toBeVisible();
  await expectNoSeriousViolations(page, "initiative");

  await page.goto("/admin/audit?what=initiative");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("initiative.create");
  await expectNoSeriousViolations(page, "/admin/audit");
  await screenshot(page, "audit-log");

  for (const path of [
    "/perception-gap",
    "/failure-demand",
    "/failure-demand/contacts?demand=failure",
    "/locations",
    "/locations/LDN-CANARY",
    "/locations/NTH",
    "/admin/imports",
    "/admin/users",
    "/admin/departments",
    "/admin/journeys",
    "/admin/touchpoints",
    "/admin/locations",
    "/admin/contact-reasons",
    "/admin/alert-rules",
    "/alerts?show=all",
    "/key-drivers?scope=stage&id=2",
    "/themes",
    "/themes?level=stage&id=2&theme=1",
  ]) {
    await page.goto(path);
    await expectNoSeriousViolations(page, path);
  }
  // The setup forms: a journey's stage editor, a touchpoint's form and a new one; and a spent invitation link.
  for (const path of ["/admin/journeys/1", "/admin/touchpoints/1", "/admin/touchpoints/new", "/invite/not-a-real-token"]) {
    await page.goto(path);
    await expectNoSeriousViolations(page, path);
  }
});
