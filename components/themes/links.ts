// Links to Experience › Themes for a scope, keeping the page's period, comparison and location so the figures
// are the same; `theme` opens a theme's trend and comments. Every view and drill is a shareable URL.
import type { ThemeLevel } from "@/lib/themes";

const kept = ["from", "to", "compareFrom", "compareTo", "location"] as const;

export interface ThemeScopeLink {
  level: ThemeLevel;
  id?: number | null;
}

export function themesHref(
  filters: Partial<Record<string, string | number | undefined>>,
  scope: ThemeScopeLink,
  options: { theme?: number; hash?: "trend" | "comments" } = {},
): string {
  const params = new URLSearchParams();
  if (scope.level !== "program") params.set("level", scope.level);
  if (scope.level !== "program" && scope.id != null) params.set("id", String(scope.id));
  for (const key of kept) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  if (options.theme !== undefined) params.set("theme", String(options.theme));
  const query = params.toString();
  return `/themes${query ? `?${query}` : ""}${options.hash ? `#${options.hash}` : ""}`;
}

/** The same figures as CSV: the export route reads the same parameters as the page. */
export function themesCsvHref(filters: Partial<Record<string, string | number | undefined>>, scope: ThemeScopeLink): string {
  return themesHref(filters, scope).replace(/^\/themes/, "/api/themes/export");
}
