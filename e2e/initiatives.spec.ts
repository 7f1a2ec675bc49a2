// An owner opens a touchpoint of theirs that is below target, starts an initiative, links a customer's
// comment as evidence, posts an update and sees its impact; another owner can read it but not change it.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";
import { formatDate } from "../lib/dates";

test("an owner starts an initiative on a touchpoint below target, posts an update and sees its impact", async ({ page }) => {
  // Graham owns the bill (Billing & Payments), a moment of truth below target in the demo.
  await signIn(page, "graham@larderlane.example");
  await expect(page).toHaveURL(/\/my-touchpoints$/);
  await page.goto("/overview");
  await page.getByRole("link", { name: "The bill" }).first().click();
  await expect(page).toHaveURL(/\/touchpoints\/\d+/);
  const touchpointUrl = page.url();

  await page.getByRole("button", { name: "Start an initiative" }).click();
  const form = page.getByRole("form", { name: "Start an initiative" });
  await form.getByLabel("Title").fill("Itemised bill with the tip explained");
  await form.getByLabel("The problem it addresses").fill("Guests say the service charge is a surprise.");
  await form.getByLabel("Metric to move").selectOption({ label: "Customer satisfaction" });
  // Started four months ago, so responses have arrived since (seeded demo data).
  const start = formatDate(new Date(Date.now() - 120 * 86_400_000));
  await form.getByLabel("Start", { exact: true }).fill(start);
  await form.getByRole("button", { name: "Start the initiative" }).click();

  await expect(page).toHaveURL(/\/initiatives\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Itemised bill with the tip explained" })).toBeVisible();
  await expect(page.getByText(/^\d+% \(n = [\d,]+\)$/)).toBeVisible(); // the baseline, from the roll-ups
  await expect(page.getByText("In progress", { exact: true }).first()).toBeVisible();
  const impact = page.getByRole("region", { name: /Impact on CSAT/ });
  await expect(impact.getByRole("heading", { name: "Difference" })).toBeVisible();
  await expect(impact).toContainText(/pts ± [\d.]+ pts/);

  // The problem in the customers' words: find a comment about the service charge and link it as evidence.
  const evidence = page.getByRole("region", { name: /^Evidence/ });
  await expect(evidence.getByText("No comments linked yet", { exact: true })).toBeVisible();
  await expect(page.getByText("0 comments", { exact: true })).toBeVisible();
  await evidence.getByRole("button", { name: "Link comments" }).click();
  await evidence.getByLabel("Search the touchpoint's comments").fill("service charge");
  const candidates = evidence.getByRole("list", { name: "The touchpoint's comments" }).getByRole("listitem");
  await expect(candidates.first()).toContainText(/service charge/i);
  const quote = (await candidates.first().locator("blockquote").textContent()) ?? "";
  await candidates
    .first()
    .getByRole("button", { name: /^Link as evidence/ })
    .click();
  await expect(evidence.getByRole("list", { name: "Linked comments" }).getByText(quote, { exact: true })).toBeVisible();
  await expect(candidates.first().getByRole("button", { name: /^Unlink as evidence/ })).toBeVisible();
  await expect(page.getByText("1 comment", { exact: true })).toBeVisible();
  await evidence.getByRole("button", { name: "Close the comments" }).click();

  await page.getByRole("textbox", { name: "Your update" }).fill("New bill layout printed for all sites.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("list").getByText("New bill layout printed for all sites.")).toBeVisible();
  await page.getByLabel("Complete (%)").fill("40");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByText("40%", { exact: true })).toBeVisible();
  await screenshot(page, "initiative");

  // Another owner reads it but has no editor, and the touchpoint lists it.
  const initiativeUrl = page.url();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Tomás owns kitchen touchpoints and manages no location: the bill is not his anywhere.
  await signIn(page, "tomas@larderlane.example");
  await expect(page).toHaveURL(/\/my-touchpoints$/);
  await page.goto(initiativeUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Itemised bill with the tip explained" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Edit the initiative" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Linked comments" }).getByText(quote, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Link comments" })).toHaveCount(0);
  await page.goto(touchpointUrl);
  await expect(page.getByRole("link", { name: "Itemised bill with the tip explained" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start an initiative" })).toHaveCount(0);
});

test("the CCO reads the initiative portfolio, filters it in the URL and sees what initiatives moved", async ({ page }) => {
  await signIn(page, "cco@larderlane.example");
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByTestId("initiatives-moved")).toContainText("What they moved:");
  await page.getByRole("link", { name: "Initiatives", exact: true }).click();
  await expect(page).toHaveURL(/\/initiatives$/);
  await expect(page.getByRole("heading", { name: "Initiatives", level: 1 })).toBeVisible();
  await expect(page.getByRole("cell", { name: /Valet/ }).first()).toBeVisible();
  await page.getByLabel("Sort by").selectOption("impact");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/sort=impact/);
  await expect(page.getByRole("button", { name: "Download CSV" })).toBeEnabled();
  await screenshot(page, "initiatives-portfolio");
});
