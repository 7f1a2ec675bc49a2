// An admin downloads the model file, adds a touchpoint to a stage, applies the file on the page, and the
// journey view shows the new touchpoint; a broken file is refused with its problems and changes nothing.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

test("an admin adds a touchpoint to a stage through the model file and the journey view shows it", async ({ page }, testInfo) => {
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/departments");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the model (JSON)" }).click();
  const model = JSON.parse(fs.readFileSync((await (await downloading).path())!, "utf8")) as {
    touchpoints: Array<Record<string, unknown>>;
    journeys: Array<{ name: string; stages: Array<{ name: string; touchpoints: string[] }> }>;
  };

  const broken = testInfo.outputPath("broken-model.json");
  fs.writeFileSync(broken, JSON.stringify({ ...model, touchpoints: [...model.touchpoints, { code: "no spaces allowed", name: "Bad" }] }));
  await page.getByLabel("Apply a model file").setInputFiles(broken);
  await expect(page.getByRole("alert").filter({ hasText: "nothing was changed" })).toBeVisible();

  const dineIn = model.journeys.find((j) => j.name === "Dine-in evening")!;
  dineIn.stages.find((s) => s.name === "Arrive")!.touchpoints.push("ARR-COATS");
  model.touchpoints.push({
    code: "ARR-COATS",
    name: "Coat check",
    channel: "in_person",
    department: "Restaurant Operations",
    momentOfTruth: false,
    weight: 1,
    targets: {},
  });
  const edited = testInfo.outputPath("model.json");
  fs.writeFileSync(edited, JSON.stringify(model));
  await page.getByLabel("Apply a model file").setInputFiles(edited);
  await expect(page.getByRole("status").filter({ hasText: "Applied:" })).toBeVisible();
  await screenshot(page, "admin-model-file");

  await page.goto("/overview");
  await page.getByRole("heading", { level: 3 }).getByRole("link", { name: "Dine-in evening" }).click();
  await expect(page).toHaveURL(/\/journeys\/\d+/);
  await expect(page.getByText("Coat check").first()).toBeVisible();
});
