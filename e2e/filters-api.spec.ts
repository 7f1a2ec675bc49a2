// Every filter reaches the headline tiles: the overview's NPS tile, filtered to a department, a journey or a
// channel, a site or a region, shows the same n as the scores API (or the touchpoints of that channel) for the same period.
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
  // The date fields show "3 Sep 2026"; the form sends (and the API takes) ISO, from the hidden fields.
  const from = await page.locator('input[type="hidden"][name="from"]').inputValue();
  const to = await page.locator('input[type="hidden"][name="to"]').inputValue();
  const scores = async (level: string, extra = "") => {
    const response = await request.get(`/api/v1/scores?level=${level}&from=${from}&to=${to}${extra}`, { headers: { authorization: `Bearer ${token}` } });
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

  // A site, and a region: the tile counts only the responses given there, as the API does.
  for (const [label, parameter] of [
    ["London · Canary Wharf", "&location=LDN-CANARY"],
    ["North (region)", "&region=NTH"],
  ] as const) {
    await page.goto("/overview");
    await page.getByLabel("Location", { exact: true }).selectOption({ label });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/location=/);
    const [program] = await scores("program", parameter);
    expect(program!.n.nps).toBeGreaterThan(0);
    expect(await npsTileN(page)).toBe(program!.n.nps);
  }
});
