// The restaurant group compares its sites: the CCO reads the league, sees the too-new site unranked, drills
// into a site and its journey heatmap, and finds the one site that pulls the valet down; an admin adds a site.
import { expect, test } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

test("the CCO compares sites in the league, drills into one, and sees which site pulls the valet down", async ({ page }) => {
  await signIn(page, demoAccounts.executive);
  await expect(page).toHaveURL(/\/overview$/);
  await page.getByRole("link", { name: "Locations", exact: true }).click();
  await expect(page).toHaveURL(/\/locations$/);
  const sites = page.getByRole("region", { name: "Sites" });
  // The demo's eight restaurants (the import e2e may have added a site of its own).
  for (const name of ["Soho", "Shoreditch", "Canary Wharf", "Manchester", "Leeds", "York", "Edinburgh", "Glasgow"])
    await expect(sites.getByRole("rowheader").filter({ hasText: name })).toHaveCount(1);
  await expect(sites.getByRole("row").filter({ hasText: "Glasgow" })).toContainText("too few to rank");
  await expect(sites.getByRole("row").filter({ hasText: "No location" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Regions" }).getByRole("row")).toHaveCount(1 + 3);
  await screenshot(page, "locations");

  // Sorted in the URL.
  await sites.getByRole("link", { name: "Location", exact: true }).click();
  await expect(page).toHaveURL(/sort=name/);
  const names = async () =>
    (await sites.getByRole("rowheader").allInnerTexts()).map((text) => text.split("\n")[0]!.trim()).filter((name) => name !== "No location");
  await expect
    .poll(async () => {
      const shown = await names();
      return shown.length > 0 && shown.join("|") === [...shown].sort((a, b) => a.localeCompare(b)).join("|");
    })
    .toBe(true);

  await sites.getByRole("link", { name: "Canary Wharf" }).click();
  await expect(page).toHaveURL(/\/locations\/LDN-CANARY/);
  await expect(page.getByRole("heading", { level: 1, name: "Canary Wharf" })).toBeVisible();
  await expect(page.getByLabel("Headline scores")).toContainText("n =");
  const heatmap = page.getByRole("table", { name: "Dine-in evening: sites by stage" });
  await expect(heatmap.getByRole("row").filter({ hasText: "(this site)" })).toContainText("Canary Wharf");
  await screenshot(page, "location-site");

  // The valet, site by site: Canary Wharf is below everyone else, significantly.
  await page.goto("/overview");
  await page
    .getByRole("link", { name: /^Valet parking/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/touchpoints\/\d+/);
  const bySite = page.getByRole("region", { name: /at each site/ });
  await expect(bySite.getByRole("row").filter({ hasText: "Canary Wharf" })).toContainText("worse (significant)");
  await bySite.getByRole("link", { name: "Canary Wharf" }).click();
  await expect(page).toHaveURL(/location=LDN-CANARY/);
  await expect(page.getByText("at London · Canary Wharf only")).toBeVisible();
});

test("an admin adds a site to a region, and deleting a site with responses is refused with deactivation offered", async ({ page }) => {
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/locations");
  await expect(page.getByRole("heading", { level: 1, name: "Locations" })).toBeVisible();
  const form = page.getByRole("form", { name: /New location/ });
  await form.getByLabel("Code", { exact: true }).fill("NTH-SHEFFIELD");
  await form.getByLabel("Name", { exact: true }).fill("Sheffield");
  await form.getByLabel("Kind", { exact: true }).selectOption("site");
  await form.getByLabel("Region", { exact: true }).selectOption({ label: "North" });
  await form.getByRole("button", { name: /Create|Add/ }).click();
  const sheffield = page.getByRole("row").filter({ hasText: "NTH-SHEFFIELD" });
  await expect(sheffield).toContainText("Sheffield");
  await expect(sheffield).toContainText("Site");
  await screenshot(page, "admin-locations");

  await page.getByRole("button", { name: "Delete Canary Wharf…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Canary Wharf?" });
  await expect(dialog).toContainText("survey responses");
  await expect(dialog).toContainText("Deactivate it instead");
  await expect(dialog.getByRole("button", { name: /^Delete Canary Wharf$/ })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // An empty site can go.
  await page.getByRole("button", { name: "Delete Sheffield…" }).click();
  await page.getByRole("dialog", { name: "Delete Sheffield?" }).getByRole("button", { name: "Delete Sheffield" }).click();
  await expect(page.getByRole("row").filter({ hasText: "NTH-SHEFFIELD" })).toHaveCount(0);
});

test("a site manager lands on their site and starts a site-level initiative on the valet there, measured there", async ({ page }) => {
  await signIn(page, "isabel@larderlane.example");
  await expect(page).toHaveURL(/\/locations\/LDN-CANARY$/);
  await expect(page.getByRole("heading", { level: 1, name: "Canary Wharf" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Canary Wharf" })).toHaveAttribute("aria-current", "page");
  await page.goto("/overview");
  await page
    .getByRole("link", { name: /^Valet parking/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/touchpoints\/\d+/);
  await page.getByRole("button", { name: "Start an initiative" }).click();
  const form = page.getByRole("form", { name: "Start an initiative" });
  // Not the valet's owner: she may start one only at the site she manages.
  await expect(form.getByLabel("Where", { exact: true }).locator("option")).toHaveText(["London · Canary Wharf"]);
  await form.getByLabel("Title", { exact: true }).fill("Two more drivers at peak times");
  await form.getByRole("button", { name: "Start the initiative" }).click();
  await expect(page).toHaveURL(/\/initiatives\/\d+$/);
  await expect(page.getByText("Canary Wharf only (measured there)")).toBeVisible();
  await expect(page.getByRole("form", { name: "Edit the initiative" })).toBeVisible();
  await screenshot(page, "initiative-site-level");
  await page.getByRole("link", { name: "Canary Wharf" }).first().click();
  await expect(page).toHaveURL(/\/locations\/LDN-CANARY/);
  await expect(page.getByRole("table", { name: "Initiatives here" })).toContainText("Two more drivers at peak times");
});
