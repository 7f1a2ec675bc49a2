// Vitest for `npm run test:faults`: the fault drills (tests/faults/), caused for real on loopback — processes killed,
// connections terminated, a throwaway PostgreSQL stopped and started. Not part of `npm test`; about a minute.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js") } },
  test: {
    include: ["tests/faults/**/*.test.ts"],
    globalSetup: ["tests/faults/support/global-setup.ts"],
    environment: "node",
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
