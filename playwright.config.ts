// Playwright: the real app (production build, fresh embedded database seeded with the demo) in a real
// Chromium. Debian's chromium is used when present (no browser downloads here); else Playwright's own.
import { execSync } from "node:child_process";
import { defineConfig } from "@playwright/test";

function systemChromium(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  try {
    return execSync("command -v chromium || command -v chromium-browser", { encoding: "utf8", shell: "/bin/sh" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const port = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1366, height: 900 },
    launchOptions: {
      executablePath: systemChromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // A fresh data directory each run: the server migrates and seeds it, exactly as on a fresh clone.
    command: `rm -rf .data-e2e && mkdir -p test-results && THROUGHLINE_DATA_DIR=.data-e2e PORT=${port} bash scripts/start.sh > test-results/e2e-server.log 2>&1`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    // SIGTERM, as a service manager would send: the app stops its embedded PostgreSQL cleanly before exiting.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
