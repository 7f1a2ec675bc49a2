// The WHERE fragment for roll-ups that keep a location grain (location_id 0 = every response): the touchpoints of a
// scope and the sites of a location filter. Shared by the metric-pair, theme and theme-metric reads.
import { sql, type SQL } from "drizzle-orm";
import type { LocationIds } from "@/server/scores/read-rollups";

const idList = (ids: number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** " and …" for the touchpoints (all when undefined) and the locations (undefined: the all-locations grain, 0). */
export function locationGrainFilter(touchpointIds: number[] | undefined, locationIds: LocationIds): SQL {
  const touchpoints =
    touchpointIds === undefined ? sql`` : touchpointIds.length === 0 ? sql` and false` : sql` and touchpoint_id in (${idList(touchpointIds)})`;
  // Unfiltered, the all-locations grain (location 0), which also counts rows that name no site.
  const locations =
    locationIds === undefined ? sql` and location_id = 0` : locationIds.length === 0 ? sql` and false` : sql` and location_id in (${idList(locationIds)})`;
  return sql`${touchpoints}${locations}`;
}
