// Admin setup in the browser: a touchpoint added to a stage through the form shows on the journey view;
// a journey's stages are reordered by keyboard and by drag; an invited person sets a password with the link;
// deleting a touchpoint that holds responses is explained and offers deactivation instead.
import { expect, test } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

test("an admin adds a touchpoint to a stage with the form and the journey view shows it", async ({ page }) => {
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/touchpoints");
  await page.getByRole("link", { name: "New touchpoint" }).click();
  await page.getByLabel("Code").fill("arr-umbrella");
  await page.getByLabel("Name", { exact: true }).fill("Umbrella stand");
  await page.getByLabel("Channel").selectOption({ label: "In person" });
  await page.getByLabel("Department").selectOption({ label: "Restaurant Operations" });
  await page.getByLabel("Owner").selectOption({ label: "Marcus Reid (owner)" });
  await page.getByLabel(/CSAT/).fill("85");
  await page.getByRole("group", { name: "Dine-in evening" }).getByLabel("Arrive").check();
  await screenshot(page, "admin-touchpoint-new");
  await page.getByRole("button", { name: "Create touchpoint" }).click();
  await expect(page).toHaveURL(/\/admin\/touchpoints\/\d+\?created=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Created ARR-UMBRELLA" })).toBeVisible();

  await page.goto("/overview");
  await page.getByRole("heading", { level: 3 }).getByRole("link", { name: "Dine-in evening" }).click();
  await expect(page).toHaveURL(/\/journeys\/\d+/);
  await expect(page.getByText("Umbrella stand").first()).toBeVisible();
});

test("an admin creates a journey and reorders its stages by keyboard and by drag", async ({ page }) => {
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/journeys");
  const form = page.getByRole("form", { name: "New journey" });
  await form.getByLabel("Name").fill("Takeaway night");
  await form.getByLabel("Persona").fill("Friends ordering in for a match");
  await form.getByRole("button", { name: "Create and add stages" }).click();
  await expect(page).toHaveURL(/\/admin\/journeys\/\d+$/);

  for (const stage of ["Order", "Wait", "Eat"]) {
    await page.getByLabel("New stage").fill(stage);
    await page.getByLabel("New stage").press("Enter");
  }
  await page.getByRole("button", { name: "Save stages" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stages saved." })).toBeVisible();
  const names = () =>
    page
      .getByTestId("stage-row")
      .locator("input[type=text]")
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  await expect.poll(names).toEqual(["Order", "Wait", "Eat"]);

  // Keyboard: Space on the handle picks "Eat" up, ArrowUp moves it, Space drops it.
  await page.getByRole("button", { name: "Reorder Eat" }).focus();
  // Each step waits for the screen-reader announcement, as dnd-kit measures the rows between key presses.
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Reorder Eat" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("Eat is over position 3 of 3.")).toBeAttached();
  // dnd-kit measures the rows in an animation frame after the pick-up; an arrow key before that is lost on
  // a busy machine. A person never presses that fast.
  await page.waitForTimeout(150);
  await page.keyboard.press("ArrowUp");
  await expect(page.getByText("Eat is over position 2 of 3.")).toBeAttached();
  await page.keyboard.press("Space");
  await expect.poll(names).toEqual(["Order", "Eat", "Wait"]);

  // Drag: "Wait" by its handle above "Order".
  const from = await page.getByRole("button", { name: "Reorder Wait" }).boundingBox();
  const to = await page.getByRole("button", { name: "Reorder Order" }).boundingBox();
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(from!.x + from!.width / 2, to!.y + 2, { steps: 12 });
  await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 4, { steps: 4 });
  await page.mouse.up();
  await expect.poll(names).toEqual(["Wait", "Order", "Eat"]);

  // dnd-kit swallows clicks for 50 ms after a pointer drop (so the drop is not also a click); a person
  // never clicks that fast, a test does.
  await page.waitForTimeout(100);
  await page.getByRole("button", { name: "Save stages" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stages saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Takeaway night" })).toBeVisible();
  await expect.poll(names).toEqual(["Wait", "Order", "Eat"]);
  await screenshot(page, "admin-journey-editor");
});

test("an invited person sets a password with the one-time link and is signed in", async ({ page, browser }) => {
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Name").fill("Rosa Quinn");
  await form.getByLabel("Email").fill("rosa@larderlane.example");
  await form.getByLabel("Role").selectOption("owner");
  await form.getByLabel("Department").selectOption({ label: "Guest Care" });
  await form.getByRole("button", { name: "Create account and link" }).click();
  const link = await page.getByLabel("One-time sign-in link for Rosa Quinn").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{40,}$/);
  await expect(page.getByRole("row", { name: /Rosa Quinn/ }).getByText("invitation pending")).toBeVisible();
  await screenshot(page, "admin-users-invite");

  const guest = await browser.newContext();
  const invited = await guest.newPage();
  await invited.goto(link);
  await expect(invited.getByText("Welcome, Rosa Quinn.")).toBeVisible();
  await invited.getByLabel("Choose a password").fill("rosa's long password");
  await invited.getByLabel("Type it again").fill("rosa's long password");
  await screenshot(invited, "invite-accept");
  await invited.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invited.getByTestId("role-badge")).toHaveText("owner");
  // The link works once.
  await invited.goto(link);
  await expect(invited.getByText("This link has already been used.")).toBeVisible();
  await guest.close();
});

test("deleting a touchpoint with responses is explained, and deactivation is offered instead", async ({ page }) => {
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/touchpoints");
  await page.getByRole("link", { name: "Edit Restrooms" }).click();
  await page.getByRole("button", { name: "Delete Restrooms…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Restrooms?" });
  await expect(dialog).toContainText("survey responses");
  await expect(dialog).toContainText("Deactivate it instead");
  await expect(dialog.getByRole("button", { name: /^Delete Restrooms$/ })).toHaveCount(0);
  await screenshot(page, "admin-touchpoint-delete-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});

test("an admin creates, renames and deletes an empty department; one with touchpoints cannot be deleted", async ({ page }) => {
  await signIn(page, demoAccounts.admin);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/admin/departments");
  const form = page.getByRole("form", { name: "New department" });
  await form.getByLabel("Name").fill("Events");
  await form.getByLabel("Head").selectOption({ label: "Sofia Marchetti" });
  await form.getByRole("button", { name: "Add department" }).click();
  await expect(page.getByRole("row", { name: /Events/ })).toContainText("Sofia Marchetti");

  await page.getByRole("button", { name: "Edit Events" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Events" });
  await edit.getByLabel("Name").fill("Private events");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /Private events/ })).toBeVisible();
  await screenshot(page, "admin-departments");

  await page.getByRole("button", { name: "Delete Private events…" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete Private events?" });
  await expect(confirm).toContainText("0 touchpoints");
  await confirm.getByRole("button", { name: "Delete Private events" }).click();
  await expect(page.getByRole("row", { name: /Private events/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Delete Billing & Payments…" }).click();
  const refused = page.getByRole("dialog", { name: "Delete Billing & Payments?" });
  await expect(refused).toContainText("Move them to another department first");
  await expect(refused.getByRole("button", { name: "Delete Billing & Payments" })).toHaveCount(0);
});

test("a role change asks first, keeps the old role when declined, and says Saved", async ({ page }) => {
  await signIn(page, "admin@larderlane.example");
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto("/admin/users");
  const role = page.getByLabel("Role of Sofia Marchetti");
  const before = await role.inputValue();
  page.once("dialog", (dialog) => void dialog.dismiss());
  await role.selectOption("executive");
  await expect(role).toHaveValue(before);
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Make Sofia Marchetti an executive?");
    void dialog.accept();
  });
  await role.selectOption("executive");
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await role.selectOption(before);
  await expect(role).toHaveValue(before);
});
