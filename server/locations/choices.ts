// The locations a filter offers, in the order people look for them: each region, then its sites.
// Pure: takes the loaded locations, returns labelled options ("London · Soho" under "London").
import { ancestorsOf, type LocationNode } from "./hierarchy";

export function locationChoices<T extends LocationNode & { name: string; active: boolean; managerId: number | null }>(locations: readonly T[]) {
  const path = (l: T) => [...ancestorsOf(locations, l.id).reverse(), l].map((x) => x.name);
  return [...locations]
    .map((l) => ({
      code: l.code,
      kind: l.kind,
      label: path(l).join(" · ") + (l.active ? "" : " (inactive)"),
      active: l.active,
      // Who answers for it: its manager and the managers of the regions above it.
      managerIds: [l, ...ancestorsOf(locations, l.id)].flatMap((x) => (x.managerId === null ? [] : [x.managerId])),
      sortKey: path(l).join("\u0000"),
    }))
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey))
    .map(({ sortKey: _sortKey, ...choice }) => choice);
}
