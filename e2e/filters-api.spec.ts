// Every filter reaches the headline tiles: the overview's NPS tile, filtered to a department, a journey or a
// channel, shows the same n as the scores API (or the touchpoints of that channel) for the same period.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const cli = (...args: string[]) => {
  const env: NodeJS.ProcessEnv = { ...process.env, THROUGHLINE_DATA_DIR: ".data-e2e" };
  delete env.DATABASE_URL;
  const result = spawnSync("node", ["--conditions=react-server", "--import", "tsx", "cli/index.ts", ...args], { env, encoding: "utf8", timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
};

async function npsTileN(page: Page): Promise<number> {
  const tile = page.locator("section.tile").filter({ has: page.getByRole("heading", { name: "NPS", exact: true }) });
  const text = (await tile.textContent()) ?? "";
  return Number(/n = ([\d,]+)/.exec(text)![1]!.replace(/,/g, ""));
}

test("the NPS tile under each filter matches the scores API for the same scope", async ({ page, request }) => {
  const token = cli("token", "add", "--name", "e2e filters").trim();
  const modelFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "throughline-e2e-")), "model.json");
  cli("model", "export", modelFile);
  const model = JSON.parse(fs.readFileSync(modelFile, "utf8")) as { touchpoints: Array<{ code: string; channel: string }> };

  await signIn(page, "cco@larderlane.example");
  await expect(page).toHaveURL(/\/overview$/);
  const from = await page.locator("#from").inputValue();
  const to = await page.locator("#to").inputValue();
  const scores = async (level: string) => {
    const response = await request.get(`/api/v1/scores?level=${level}&from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { rows: Array<{ name: string; code: string | null; n: { nps: number } }> }).rows;
  };

  await page.getByLabel("Department", { exact: true }).selectOption({ label: "Billing & Payments" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/departmentId=\d+/);
  expect(await npsTileN(page)).toBe((await scores("department")).find((r) => r.name === "Billing & Payments")!.n.nps);

  await page.goto("/overview");
  await page.getByLabel("Journey", { exact: true }).selectOption({ label: "Home delivery" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/journeyId=\d+/);
  expect(await npsTileN(page)).toBe((await scores("journey")).find((r) => r.name === "Home delivery")!.n.nps);

  await page.goto("/overview");
  await page.getByLabel("Channel", { exact: true }).selectOption("phone");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/channel=phone/);
  const phoneCodes = new Set(model.touchpoints.filter((t) => t.channel === "phone").map((t) => t.code));
  const phoneN = (await scores("touchpoint")).filter((r) => r.code && phoneCodes.has(r.code)).reduce((sum, r) => sum + r.n.nps, 0);
  expect(phoneN).toBeGreaterThan(0);
  expect(await npsTileN(page)).toBe(phoneN);
});
