// Each role signs in, sees its own navigation and pages, and signs out; screenshots of every page
// are saved under test-results/screenshots for a person to look at.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, screenshot, signIn } from "./helpers";

test("the sign-in page lists the demo accounts and refuses a wrong password without saying which part", async ({ page }) => {
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Demo accounts" })).toBeVisible();
  await expect(page.getByText(DEMO_PASSWORD)).toBeVisible();
  await screenshot(page, "sign-in");
  await signIn(page, "cco@larderlane.example", "not the password");
  await expect(page.locator("#sign-in-error")).toHaveText("That email and password do not match an active account.");
  await signIn(page, "nobody@larderlane.example");
  await expect(page.locator("#sign-in-error")).toHaveText("That email and password do not match an active account.");
});

test("an executive reads the overview and has no setup or owner pages", async ({ page }) => {
  await signIn(page, "cco@larderlane.example");
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByTestId("role-badge")).toHaveText("executive");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link")).toHaveText([
    "Overview",
    /^Alerts( ?\d+ to resolve)?$/,
    "Locations",
    "Failure demand",
    "Key drivers",
    "Themes",
    "Initiatives",
    "Perception gap",
    "How figures are computed",
  ]);
  await expect(page.getByRole("heading", { name: "Dine-in evening" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Experience score", exact: true })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Billing & Payments" })).toBeVisible();
  await screenshot(page, "overview-executive");
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/overview$/);
  const sessionCookies = (await page.context().cookies()).filter((cookie) => cookie.name.endsWith("authjs.session-token"));
  expect(sessionCookies).toHaveLength(1);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/sign-in/);
  // A copy of the cookie kept from before the sign-out opens no page either: the session ended on the server.
  await page.context().addCookies(sessionCookies);
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an owner lands on their own touchpoints", async ({ page }) => {
  await signIn(page, "graham@larderlane.example");
  await expect(page).toHaveURL(/\/my-touchpoints$/);
  await expect(page.getByTestId("role-badge")).toHaveText("owner");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "My touchpoints" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  const table = page.getByRole("table", { name: "My touchpoints" });
  await expect(table.getByRole("rowheader", { name: /PAY-BILL/ })).toBeVisible();
  // Only Billing & Payments' touchpoints are listed, moments of truth first, then the furthest below target.
  await expect(table.getByRole("rowheader", { name: /ARR-VALET/ })).toHaveCount(0);
  await expect(table.getByRole("rowheader").first()).toContainText("★");
  await expect(table.getByRole("img", { name: /by month, last 12 months/ }).first()).toBeVisible();
  await screenshot(page, "my-touchpoints-owner");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an admin sees the setup pages, and a deactivated owner loses access at once", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@larderlane.example");
  await expect(admin).toHaveURL(/\/overview$/);
  await expect(admin.getByTestId("role-badge")).toHaveText("admin");
  for (const [path, heading, name] of [
    ["/admin/departments", "Departments", "admin-departments"],
    ["/admin/users", "Users", "admin-users"],
    ["/admin/journeys", "Journeys", "admin-journeys"],
    ["/admin/touchpoints", "Touchpoints", "admin-touchpoints"],
  ] as const) {
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: heading }).click();
    await expect(admin).toHaveURL(new RegExp(`${path}$`));
    await expect(admin.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await screenshot(admin, name);
  }

  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, "leo@larderlane.example");
  await expect(owner).toHaveURL(/\/my-touchpoints$/);

  await admin.goto("/admin/users");
  await admin.getByRole("button", { name: "Deactivate Leo Fischer" }).click();
  await expect(admin.getByRole("button", { name: "Reactivate Leo Fischer" })).toBeVisible();

  await owner.reload();
  await expect(owner).toHaveURL(/\/sign-in/);

  await admin.getByRole("button", { name: "Reactivate Leo Fischer" }).click();
  await expect(admin.getByRole("button", { name: "Deactivate Leo Fischer" })).toBeVisible();
  await adminContext.close();
  await ownerContext.close();
});

/** Sign in on the page as it is (keeping its ?next=), unlike signIn(), which opens /sign-in afresh. */
async function fillSignIn(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a signed-out colleague opening a shared link signs in and lands on exactly that link", async ({ page }) => {
  const shared = "/overview?from=2026-06-01&to=2026-08-31&channel=phone";
  await page.goto(shared);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await fillSignIn(page, "cco@larderlane.example");
  await expect(page).toHaveURL(new RegExp(`${shared.replace(/[?.]/g, "\\$&")}$`));
  await expect(page.getByLabel("Channel")).toHaveValue("phone");
});

test("a next link that points off the site is ignored", async ({ page }) => {
  await page.goto("/sign-in?next=//evil.example/steal");
  await fillSignIn(page, "cco@larderlane.example");
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/overview$/);
});
