// Every dashboard view the issue names, computed cold (no score cache) against the benchmark's model: the
// bench's per-view figures, and `npm run bench:views -- <url>` to time them on a persistent database.
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { failureDemandView } from "@/server/contacts/views";
import { keyDriversView } from "@/server/drivers/view";
import { perceptionView } from "@/server/perception/service";
import { departmentView } from "@/server/scores/department";
import { journeyView } from "@/server/scores/journey";
import { programOverview } from "@/server/scores/overview";
import { ownerHome } from "@/server/scores/owner-home";
import { touchpointView } from "@/server/scores/touchpoint";
import { percentile, sampleMs } from "./measure";

export interface ColdView {
  name: string;
  run: () => Promise<unknown>;
}

/** The views, each with the ids of the first journey, touchpoint, department and owner of the bench model. */
export async function coldViews(db: Database): Promise<ColdView[]> {
  const [ids] = await db.execute<{ journeyId: number; touchpointId: number; departmentId: number; ownerId: number; day: string }>(sql`
    select (select min(id) from journeys) as "journeyId", (select min(id) from touchpoints) as "touchpointId",
      (select min(id) from departments) as "departmentId", (select min(owner_id) from touchpoints) as "ownerId",
      (select to_char(max(day), 'YYYY-MM-DD') from touchpoint_daily_rollups) as day`);
  const { journeyId, touchpointId, departmentId, ownerId, day } = ids!;
  const quarter = `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
  return [
    { name: "overview", run: () => programOverview(db, {}) },
    { name: "journey", run: () => journeyView(db, journeyId, {}) },
    { name: "touchpoint", run: () => touchpointView(db, touchpointId, {}) },
    { name: "department", run: () => departmentView(db, departmentId, {}) },
    { name: "perception gap", run: () => perceptionView(db, quarter) },
    { name: "failure demand", run: () => failureDemandView(db, {}) },
    { name: "key drivers", run: () => keyDriversView(db, { scope: "program" }) },
    { name: "owner home", run: () => ownerHome(db, ownerId) },
  ];
}

/** p50 and p95 in ms of each view, cold, over `runs` runs after a warm-up of the code paths. */
export async function timeViews(db: Database, runs: number) {
  const results: Array<{ name: string; p50: number; p95: number }> = [];
  for (const view of await coldViews(db)) {
    const samples = await sampleMs(view.run, runs);
    results.push({ name: view.name, p50: percentile(samples, 50), p95: percentile(samples, 95) });
  }
  return results;
}
