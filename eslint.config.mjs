// ESLint: Next.js core-web-vitals and TypeScript rules (flat config, as eslint-config-next 16 ships it), plus
// the layer rules: app/ → server/api/routers → server/<area> → db/, with shared pure code in lib/.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const serverCode = ["@/server", "@/server/*", "@/db", "@/db/*", "**/server/*", "**/db/*", "**/server", "**/db"];
const browserMessage =
  "Browser code must not import server or database modules (it would ship them to the browser): import a type, or move the shared part to lib/.";

/** A "use client" file anywhere (app/ included) imports no values from server/ or db/. */
const layers = {
  rules: {
    "client-imports": {
      meta: { type: "problem", schema: [], messages: { banned: `{{source}}: ${browserMessage}` } },
      create(context) {
        const isClient = context.sourceCode.ast.body.some((node) => node.type === "ExpressionStatement" && node.directive === "use client");
        if (!isClient) return {};
        return {
          ImportDeclaration(node) {
            const typeOnly = node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));
            if (!typeOnly && /^(@\/|(\.\.?\/)+)(server|db)(\/|$)/.test(node.source.value))
              context.report({ node, messageId: "banned", data: { source: node.source.value } });
          },
        };
      },
    },
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    plugins: { layers },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "layers/client-imports": "error",
    },
  },
  {
    // Shared UI and pure helpers are bundled for the browser.
    files: ["components/**", "lib/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ group: serverCode, allowTypeImports: true, message: browserMessage }] }] },
  },
  {
    files: ["db/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/server", "@/server/*", "**/server/*", "**/server"], message: "db/ sits below server/: it must not import it." }] },
      ],
    },
  },
  {
    // Domain modules: no transport or framework; the routers (server/api), route helpers (server/http) and auth adapt them.
    files: ["server/**"],
    ignores: ["server/api/**", "server/http/**", "server/auth/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@trpc/*", "next", "next/*", "next-auth", "next-auth/*"],
              message: "Domain modules import no tRPC or Next.js: throw a DomainError (server/errors.ts) and let the router map it.",
            },
            {
              group: ["@/components", "@/components/*", "**/components/*", "**/components", "@/app/*", "**/app/*"],
              message: "Server modules sit below the UI: import the pure part from lib/ (e.g. lib/format.ts), not from components/ or app/.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([".next/**", "node_modules/**", ".data/**", ".data-*/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/data/**"]),
]);
