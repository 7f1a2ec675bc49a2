// Links to Experience › Key drivers for a scope, keeping the page's period and location so the view is the same.
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
