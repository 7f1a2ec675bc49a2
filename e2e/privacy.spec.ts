// An admin erases a demo respondent on request, by keyboard: the email is checked before the confirm dialog, ERASE
// must be typed, the answer gives the count, and asking again says plainly that nothing matched.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

test("an admin erases a respondent by email through Setup › Personal data and sees how many rows went", async ({ page }) => {
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  // A demo respondent who left a comment: admins see their email beside it.
  await page
    .getByRole("link", { name: /^The bill/ })
    .first()
    .click();
  const verbatims = page.getByTestId("verbatims");
  await expect(verbatims).toContainText("@mail.example");
  const email = (await verbatims.innerText()).match(/<([^<>\s]+@mail\.example)>/)![1]!;

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Personal data" }).click();
  await expect(page.getByRole("heading", { name: "Personal data", level: 1 })).toBeVisible();
  const field = page.getByRole("textbox", { name: "The person's email" });
  await field.fill("not-an-email");
  await field.press("Enter");
  await expect(page.getByRole("form", { name: "Erase a person's data" }).getByRole("alert")).toHaveText(/^The email is not an email address; write it whole/);
  await expect(field).toBeFocused();

  // Written in capitals with spaces: matched all the same.
  await field.fill(`  ${email.toUpperCase()} `);
  await screenshot(page, "admin-privacy-before");
  await field.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Erase this person's data for good?" });
  await expect(dialog).toContainText(`with the email ${email.toUpperCase()}`);
  const confirm = dialog.getByLabel("Type ERASE to confirm");
  await expect(confirm).toBeFocused();
  await expectNoSeriousViolations(page);
  await confirm.press("Enter");
  await expect(dialog.getByRole("alert")).toHaveText("Type ERASE, in capitals, to confirm; or cancel.");
  await confirm.fill("ERASE");
  await screenshot(page, "admin-privacy-confirm");
  await confirm.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("erase-result")).toHaveText(/^Erased [1-9]\d* survey responses? and 0 service contacts for that email\./);
  await expect(field).toHaveValue("");
  await screenshot(page, "admin-privacy-after");
  await expectNoSeriousViolations(page);

  await field.fill(email);
  await field.press("Enter");
  await dialog.getByLabel("Type ERASE to confirm").fill("ERASE");
  await dialog.getByRole("button", { name: "Erase permanently" }).click();
  await expect(page.getByTestId("erase-result")).toHaveText(/^No survey responses or service contacts matched that email; nothing was erased\./);
});
