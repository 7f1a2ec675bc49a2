// The app the e2e suite started runs on the embedded PostgreSQL it started itself: health says so, a
// second app on the same data directory stops at once with words and a non-zero exit, and the CLI joins.
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";

const dataDirEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, THROUGHLINE_DATA_DIR: ".data-e2e", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  return env;
};

test("health names the embedded database", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", database: "embedded" });
});

test("a second app on the same data directory exits at once, saying which process holds it", async ({ request }) => {
  const second = spawnSync("bash", ["scripts/start.sh"], { env: { ...dataDirEnv(), PORT: "3299" }, encoding: "utf8", timeout: 60_000 });
  expect(second.status).toBe(1);
  expect(second.stderr).toMatch(/cannot start: The embedded database in .*\.data-e2e is in use by Throughline \(process \d+/);
  expect(second.stdout).not.toMatch(/Ready/);
  // The first app is unharmed.
  expect((await request.get("/api/health")).status()).toBe(200);
});

test("the CLI joins the running app's database as a client", () => {
  const scores = spawnSync("node", ["--conditions=react-server", "--import", "tsx", "cli/index.ts", "scores", "--level", "journey"], {
    env: dataDirEnv(),
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(scores.stderr).toBe("");
  expect(scores.status).toBe(0);
  const journeys = JSON.parse(scores.stdout) as Array<{ name: string }>;
  expect(journeys.map((j) => j.name)).toEqual(expect.arrayContaining(["Dine-in evening", "Home delivery"]));
});
