// The location a view is cut to, from its `location` filter: the sites it covers, or every response.
// An unknown code is refused in words at the filter, so a mistyped link never shows the whole program unnoticed.
import { invalid, type FieldProblem } from "@/server/errors";
import type { LocationIds } from "@/server/scores/read-rollups";
import { sitesUnder, type LocationNode } from "./hierarchy";

export interface LocationScope<T extends LocationNode = LocationNode> {
  /** The site or region chosen, or undefined for every location. */
  location?: T;
  /** The sites whose roll-ups the view reads; undefined reads the totals (responses with no location included). */
  locationIds: LocationIds;
}

export function locationScope<T extends LocationNode>(locations: readonly T[], code: string | undefined): LocationScope<T> {
  if (!code) return { locationIds: undefined };
  const location = locations.find((l) => l.code === code);
  if (!location) {
    const message = `no site or region has the code ${code}; choose one from the Location list`;
    throw invalid(`location: ${message}.`, [{ field: "location", message }]);
  }
  return { location, locationIds: sitesUnder(locations, location.id).map((l) => l.id) };
}

/**
 * The same for a page's URL: an unknown code (a renamed site, a mistyped link) is named at the Location
 * field and the view shows every location, rather than failing as a whole.
 */
export function readLocationScope<T extends LocationNode>(locations: readonly T[], code: string | undefined): LocationScope<T> & { problems: FieldProblem[] } {
  if (code && !locations.some((l) => l.code === code)) {
    return { locationIds: undefined, problems: [{ field: "location", message: `No site or region has the code ${code}; showing every location.` }] };
  }
  return { ...locationScope(locations, code), problems: [] };
}
