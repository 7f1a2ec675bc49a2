// Links to Experience › Key drivers for a scope, and from a theme driver to Experience › Themes, keeping the page's
// period and location so the view is the same.
const kept = ["from", "to", "location", "outcome"] as const;

export function keyDriversHref(filters: Record<string, string | number | undefined>, scope: { scope: string; id?: number }): string {
  const params = new URLSearchParams();
  if (scope.scope !== "program") params.set("scope", scope.scope);
  if (scope.id !== undefined) params.set("id", String(scope.id));
  for (const key of kept) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/key-drivers?${query}` : "/key-drivers";
}

const themeKept = ["from", "to", "location"] as const;

/** Experience › Themes for the same scope, period and location, with the theme's trend and comments open. */
export function themeDriverHref(filters: Record<string, string | number | undefined>, scope: { level: string; id: number | null }, themeId: number): string {
  const params = new URLSearchParams();
  if (scope.level !== "program") params.set("level", scope.level);
  if (scope.level !== "program" && scope.id !== null) params.set("id", String(scope.id));
  for (const key of themeKept) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  params.set("theme", String(themeId));
  return `/themes?${params.toString()}`;
}
