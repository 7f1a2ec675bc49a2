// Shared steps for the browser tests: signing in as a demo account and saving screenshots to look at.
import type { Page } from "@playwright/test";

export const DEMO_PASSWORD = "throughline-demo";
export const demoAccounts = {
  admin: "admin@larderlane.example",
  executive: "cco@larderlane.example",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
