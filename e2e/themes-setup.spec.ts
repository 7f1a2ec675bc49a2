// Setup › Themes in the browser: an admin adds a theme, watches history being re-tagged to the end, edits the
// theme's words and deletes it after confirming; the page passes axe and is kept as a screenshot.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

// Re-tagging the demo's ~100,000 comments runs batch by batch in the background.
const RETAG_TIMEOUT = 240_000;

const TAGGED = /^History is tagged with the current codebook \(version ([\d,]+)/;

/** The codebook version history is tagged with now, once no re-tag is running. */
async function taggedVersion(page: Page): Promise<number> {
  await expect(page.getByText(TAGGED)).toBeVisible({ timeout: RETAG_TIMEOUT });
  return Number((await page.getByText(TAGGED).innerText()).match(TAGGED)![1]!.replace(/,/g, ""));
}

/**
 * Waits until history is tagged with a newer codebook than `before`: until the page has caught up with the change,
 * it may still say the old version is done, just before the new re-tag's bar appears.
 */
async function expectRetagFinished(page: Page, before: number) {
  const shown = async () => {
    const text = await page.getByText(TAGGED).allInnerTexts();
    return text.length ? Number(text[0]!.match(TAGGED)![1]!.replace(/,/g, "")) : -1;
  };
  await expect.poll(shown, { timeout: RETAG_TIMEOUT, intervals: [500] }).toBeGreaterThan(before);
  await expect(page.getByRole("progressbar")).toHaveCount(0);
}

test("an admin adds a theme, sees history re-tagged, edits it and deletes it", async ({ page }) => {
  test.setTimeout(3 * RETAG_TIMEOUT);
  const name = `Valet ${Date.now().toString(36)}`;
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/themes");
  await expect(page.getByRole("heading", { name: "Themes", level: 1 })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: /^Service charge/ })).toBeVisible();

  let version = await taggedVersion(page);
  // Add: terms one per line, limited to the valet touchpoint by ticking it.
  const form = page.getByRole("form", { name: "New theme" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Words and phrases").fill("valet\ncar keys");
  await form.getByLabel("Find a touchpoint").fill("valet");
  await form.getByRole("checkbox").first().check();
  await form.getByRole("button", { name: "Add theme" }).click();
  await expect(form.getByRole("status").filter({ hasText: `Added “${name}”` })).toBeVisible();
  // The re-tag starts at once: its bar says how far it is, then the page says it is done.
  await expect(
    page.getByRole("progressbar", { name: /^Re-tagging history: [\d,]+ of [\d,]+ comments$/ }).or(page.getByText(/^History is tagged/)),
  ).toBeVisible();
  await expectRetagFinished(page, version);
  version = await taggedVersion(page);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
  await expect(row.getByRole("list", { name: `Words and phrases of ${name}` }).getByRole("listitem")).toHaveText(["valet", "car keys"]);
  await expect(row).not.toContainText("All touchpoints");
  await screenshot(page, "themes-setup");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} ${v.help}`)).toEqual([]);

  // Edit: a comma-separated list works too; a bad term is refused at its field.
  await row.getByRole("link", { name: `Edit ${name}` }).click();
  const edit = page.getByRole("form", { name: `Edit theme “${name}”` });
  await edit.getByLabel("Words and phrases").fill("valet, car keys, ---");
  await edit.getByRole("button", { name: "Save theme" }).click();
  await expect(edit.getByLabel("Words and phrases")).toHaveAttribute("aria-invalid", "true");
  await expect(edit.getByText(/“---”: a word or phrase needs at least one letter or digit/)).toBeVisible();
  await edit.getByLabel("Words and phrases").fill("valet, car keys, valet parking");
  await edit.getByRole("button", { name: "Save theme" }).click();
  await expect(edit.getByRole("status").filter({ hasText: `Saved “${name}”` })).toBeVisible();
  await expectRetagFinished(page, version);
  version = await taggedVersion(page);
  await expect(row.getByRole("listitem")).toHaveText(["valet", "car keys", "valet parking"]);

  // Delete, after confirming.
  await row.getByRole("button", { name: `Delete ${name}…` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete the theme “${name}”?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete the theme" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("rowheader", { name: new RegExp(`^${name}`) })).toHaveCount(0);
  await expectRetagFinished(page, version);
});
