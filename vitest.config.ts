// Vitest: every suite talks to a real database (PGlite in memory by default, PostgreSQL with
// THROUGHLINE_TEST_DATABASE=postgres). The database is migrated once in global setup and cloned per file.
import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  // Tests run the server's modules in Node: "server-only" resolves as it does in the server build (empty).
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js") } },
  test: {
    include: ["tests/**/*.test.ts"],
    // The fault drills (kills, terminated connections, a stopped server) run on their own: npm run test:faults.
    exclude: [...configDefaults.exclude, "tests/faults/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    environment: "node",
    // next-auth imports "next/server" without its extension; inlined, Vite resolves it as Next.js does.
    server: { deps: { inline: ["next-auth"] } },
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
