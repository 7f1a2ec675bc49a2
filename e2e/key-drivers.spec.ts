// Key drivers in the browser: the CCO opens the dine-in journey, sees what drives its NPS, follows the link to
// the quadrant for table service and finds speed ranked first and value for money not ranked; axe passes.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

test("the CCO finds speed driving table service's NPS, and value for money left unranked", async ({ page }) => {
  await signIn(page, demoAccounts.executive);
  await expect(page).toHaveURL(/\/overview$/);
  await page.getByRole("navigation").getByRole("link", { name: "Key drivers" }).click();
  await expect(page).toHaveURL(/\/key-drivers$/);
  await expect(page.getByRole("heading", { name: /^Drivers of Net Promoter Score: Whole program/ })).toBeVisible();

  // Choose table service in the scope list; the choice lands in the URL, so the view is a link to share.
  await page.getByRole("combobox", { name: "Scope" }).selectOption({ label: "Table service (DIN-SERVER)" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/of=touchpoint%3A\d+/);
  const table = page.getByRole("table", { name: "Drivers of Net Promoter Score" });
  await expect(table.getByTestId("driver-speed")).toContainText("Speed of service");
  await expect(table.getByRole("row").nth(1)).toContainText("Speed of service");
  await expect(table.getByTestId("driver-speed").getByRole("cell").first()).toHaveText("1");
  await expect(table.getByTestId("driver-value")).toContainText("Value for money");
  await expect(page.getByTestId("drivers-model")).toContainText(/n = [\d,]+ \(the fewest responses that answered any two of these together\)/);
  await expect(page.getByRole("img", { name: /Drivers of Net Promoter Score, most important first: Speed of service/ })).toBeVisible();
  await expect(page.locator(".recharts-scatter").first()).toBeVisible();
  await screenshot(page, "key-drivers");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // The touchpoint's own page carries the same drivers, and links back to the quadrant.
  const url = new URL(page.url());
  const id = url.searchParams.get("of")!.split(":")[1];
  await page.goto(`/touchpoints/${id}`);
  await expect(page.getByRole("heading", { name: "What drives Net Promoter Score here" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Drivers of Net Promoter Score" }).getByRole("row").nth(1)).toContainText("Speed of service");
  await page.getByRole("link", { name: "Open the quadrant" }).click();
  await expect(page).toHaveURL(new RegExp(`/key-drivers\\?scope=touchpoint&id=${id}`));

  // An outcome no metric has is said at the field, not a failure.
  await page.goto("/key-drivers?outcome=nosuchmetric");
  await expect(page.getByRole("alert").filter({ hasText: "No metric has the code nosuchmetric" })).toBeVisible();
});

test("the bill's themes as drivers: the service charge goes with a lower NPS, linked to its comments", async ({ page }) => {
  await signIn(page, demoAccounts.executive);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/key-drivers");
  await page.getByRole("combobox", { name: "Scope" }).selectOption({ label: "The bill (PAY-BILL)" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { name: "Themes as drivers of Net Promoter Score" })).toBeVisible();
  const themes = page.getByRole("table", { name: "Themes as drivers of Net Promoter Score" });
  const charge = themes.getByRole("row").filter({ hasText: "Service charge" });
  await expect(charge).toContainText("lower with it");
  await expect(charge).toContainText("significant (p < 0.05)");
  await expect(page.getByTestId("theme-drivers-model")).toContainText(/n = [\d,]+ responses with a comment/);
  await expect(charge.getByRole("link", { name: "Service charge" })).toHaveAttribute("href", /^\/themes\?level=touchpoint&id=\d+&.*theme=\d+$/);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
