// An admin finishes an import alone when the file names touchpoints Throughline does not know: the preview
// sums the unknown codes with their rows, one is mapped to an existing touchpoint, the other is created there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

/** A plain CSV: 20 rows for the bill, 12 under the file's own name for it ("BILL"), 8 for a table-service touchpoint that does not exist yet. */
function exportWithUnknownCodes(): string {
  const day = 86_400_000;
  const codes = [...Array<string>(20).fill("PAY-BILL"), ...Array<string>(12).fill("BILL"), ...Array<string>(8).fill("E2E-TABLE-SERVICE")];
  const rows = codes.map((code, i) => [
    `codes-${i}`,
    new Date(Date.now() - (1 + (i % 10)) * day).toISOString().slice(0, 16).replace("T", " "),
    code,
    String(i % 11),
  ]);
  return [["id", "submitted", "touchpoint", "nps"], ...rows].map((row) => row.join(",")).join("\n") + "\n";
}

test("unknown touchpoint codes are summarised with their rows, mapped or created from the preview, and imported", async ({ page }) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-codes-")), "codes.csv");
  fs.writeFileSync(file, exportWithUnknownCodes());
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/imports");
  await page.getByLabel(/^Export file/).setInputFiles(file);
  await page.getByRole("button", { name: "Upload and detect" }).click();
  await expect(page.getByText("Detected: Plain CSV")).toBeVisible();
  await page.getByRole("button", { name: "Preview", exact: true }).click();

  const unknown = page.getByRole("table", { name: "Unknown touchpoint codes" });
  await expect(unknown.getByRole("row").filter({ hasText: "BILL" }).first()).toContainText("12");
  await expect(unknown.getByRole("row").filter({ hasText: "E2E-TABLE-SERVICE" })).toContainText("8");
  await expect(page.getByRole("button", { name: "Import 20 responses" })).toBeVisible();
  // The 20 rows refused for their code are not listed one by one below the summary.
  await expect(page.getByText("20 rows with an unknown touchpoint or site code are summarised by code above")).toBeVisible();
  await expect(page.getByRole("table", { name: "Rejected rows" })).toHaveCount(0);

  await page.getByLabel("Import BILL as").selectOption("PAY-BILL");
  await page.getByRole("button", { name: "Create touchpoint E2E-TABLE-SERVICE" }).click();
  const create = page.getByRole("region", { name: "Create the touchpoint E2E-TABLE-SERVICE" });
  await expect(create.getByLabel("Code", { exact: true })).toHaveValue("E2E-TABLE-SERVICE");
  await expect(create.getByLabel("Name", { exact: true })).toBeFocused();
  await create.getByLabel("Name", { exact: true }).fill("Table service (e2e)");
  await create.getByLabel("Department", { exact: true }).selectOption({ label: "Restaurant Operations" });
  await screenshot(page, "import-create-touchpoint");
  await create.getByRole("button", { name: "Create touchpoint" }).click();

  // The preview runs again by itself, with the new touchpoint known and BILL mapped to the bill.
  await expect(page.getByRole("status").filter({ hasText: "Created E2E-TABLE-SERVICE" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Import 40 responses" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Unknown touchpoint codes" })).toHaveCount(0);
  await page.getByRole("button", { name: "Import 40 responses" }).click();
  await expect(page.getByText(/Imported 40 responses/)).toBeVisible({ timeout: 30_000 });

  await page.goto("/admin/touchpoints");
  await expect(page.getByRole("row").filter({ hasText: "E2E-TABLE-SERVICE" })).toContainText("Table service (e2e)");
});

/** A plain CSV with a store column: 10 at Soho, 6 under the file's own name for Leeds, 4 at a site that does not exist yet. */
function exportWithStores(): string {
  const day = 86_400_000;
  const stores = [...Array<string>(10).fill("LDN-SOHO"), ...Array<string>(6).fill("Store 12"), ...Array<string>(4).fill("SCO-ABERDEEN")];
  const rows = stores.map((store, i) => [
    `stores-${i}`,
    new Date(Date.now() - (1 + (i % 10)) * day).toISOString().slice(0, 16).replace("T", " "),
    "PAY-BILL",
    store,
    String(i % 11),
  ]);
  return [["id", "submitted", "touchpoint", "store", "nps"], ...rows].map((row) => row.join(",")).join("\n") + "\n";
}

test("a store column is read as the location; unknown site codes are mapped or created from the preview", async ({ page }) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-stores-")), "stores.csv");
  fs.writeFileSync(file, exportWithStores());
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/imports");
  await page.getByLabel(/^Export file/).setInputFiles(file);
  await page.getByRole("button", { name: "Upload and detect" }).click();
  await expect(page.getByText("Detected: Plain CSV")).toBeVisible();
  await expect(page.getByLabel("Location code column", { exact: true })).toHaveValue("store");
  await page.getByRole("button", { name: "Preview", exact: true }).click();

  const unknown = page.getByRole("table", { name: "Unknown location codes" });
  await expect(unknown.getByRole("row").filter({ hasText: "Store 12" })).toContainText("6");
  await expect(unknown.getByRole("row").filter({ hasText: "SCO-ABERDEEN" })).toContainText("4");
  await page.getByLabel("Import Store 12 as").selectOption("NTH-LEEDS");
  await page.getByRole("button", { name: "Create site SCO-ABERDEEN" }).click();
  const create = page.getByRole("form", { name: "Create the site SCO-ABERDEEN" });
  await create.getByLabel("Name", { exact: true }).fill("Aberdeen");
  await create.getByLabel("Region", { exact: true }).selectOption({ label: "Scotland" });
  await create.getByRole("button", { name: "Create site" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Created SCO-ABERDEEN" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Import 20 responses" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Import 20 responses" }).click();
  await expect(page.getByText(/Imported 20 responses/)).toBeVisible({ timeout: 30_000 });

  await page.goto("/locations");
  await expect(page.getByRole("region", { name: "Sites" }).getByRole("row").filter({ hasText: "Aberdeen" })).toContainText("too few to rank");
});
