import { createDatabaseClient } from "@/db/client";
import { programOverview } from "@/server/scores/overview";
import { scoreRows } from "@/server/scores/api";
async function t(label: string, f: () => Promise<unknown>) { for (let i=0;i<3;i++) await f(); const s = performance.now(); for (let i=0;i<10;i++) await f(); console.log(label, ((performance.now()-s)/10).toFixed(1), "ms"); }
const c = createDatabaseClient("postgres://postgres@127.0.0.1:5432/prof_bench", "postgres");
await t("overview", () => programOverview(c.db, {}));
await t("scores", () => scoreRows(c.db, { level: "journey", from: "2026-08-03", to: "2026-10-31", grain: "month" }));
await c.close();
