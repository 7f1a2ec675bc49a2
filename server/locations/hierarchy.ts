// The location tree, pure: which sites a region holds, a site's region, and a location's ancestors.
// Any depth works (country → region → site); the demo and the setup page use two levels.

export interface LocationNode {
  id: number;
  code: string;
  kind: "region" | "site";
  parentId: number | null;
}

// One index per list of locations, so a league over a thousand sites walks the tree, not the list, per site.
const indexes = new WeakMap<readonly LocationNode[], Map<number, LocationNode>>();
function indexOf<T extends LocationNode>(all: readonly T[]): Map<number, T> {
  let byId = indexes.get(all);
  if (!byId) indexes.set(all, (byId = new Map(all.map((l) => [l.id, l]))));
  return byId as Map<number, T>;
}

/** The location's parents, nearest first. Stops at a loop rather than spinning (the rules refuse loops). */
export function ancestorsOf<T extends LocationNode>(all: readonly T[], id: number): T[] {
  const byId = indexOf(all);
  const found: T[] = [];
  const seen = new Set<number>([id]);
  for (let parentId = byId.get(id)?.parentId; parentId != null && !seen.has(parentId); parentId = byId.get(parentId)?.parentId) {
    seen.add(parentId);
    const parent = byId.get(parentId);
    if (parent) found.push(parent);
  }
  return found;
}

/** The sites at or under a location: itself for a site, every site below for a region. */
export function sitesUnder<T extends LocationNode>(all: readonly T[], id: number): T[] {
  return all.filter((l) => l.kind === "site" && (l.id === id || ancestorsOf(all, l.id).some((a) => a.id === id)));
}

/** A site's region (its nearest region ancestor), or undefined. */
export function regionOf<T extends LocationNode>(all: readonly T[], id: number): T | undefined {
  return ancestorsOf(all, id).find((l) => l.kind === "region");
}
