// The dashboard filters as a plain GET form: applying them changes the URL, so every view is a shareable link.
// Dates are typed as pages show them ("3 Sep 2026") and sent as YYYY-MM-DD.
import { channels } from "@/lib/enums";
import type { DashboardFilters } from "@/server/scores/filters";
import type { Period } from "@/server/scores/periods";
import { channelLabel } from "../format";
import { FilterSelect } from "./filter-select";
import { DateField } from "../date-field";

const dateFields = [
  ["from", "From"],
  ["to", "To"],
  ["compareFrom", "Compare from"],
  ["compareTo", "Compare to"],
] as const;

export function FilterBar({
  filters,
  period,
  compareTo,
  journeys,
  departments,
  locations,
  problems = [],
  keep = {},
}: {
  /** Other URL parameters of the view that applying the filters keeps (e.g. the heatmap's face). */
  keep?: Record<string, string>;
  /** Filters the URL asked for that could not be used, named at their field. */
  problems?: ReadonlyArray<{ field: string; message: string }>;
  filters: DashboardFilters;
  period: Period;
  compareTo: Period;
  /** Left out on a journey's own page (the journey is the page): no control that would do nothing. */
  journeys?: Array<{ id: number; name: string }>;
  /** Left out on a department's own page, likewise. */
  departments?: Array<{ id: number; name: string }>;
  /** Regions and their sites, as `filterOptionsOf` lists them; left out on a location's own page. */
  locations?: ReadonlyArray<{ code: string; kind: string; label: string }>;
}) {
  return (
    <form className="filters card" method="get" aria-label="Filters">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {dateFields.map(([name, label]) => (
        <DateField
          key={name}
          id={name}
          name={name}
          label={label}
          problem={problems.find((p) => p.field === name)?.message}
          value={{ from: period.from, to: period.to, compareFrom: filters.compareFrom ?? compareTo.from, compareTo: filters.compareTo ?? compareTo.to }[name]}
        />
      ))}
      {journeys ? (
        <FilterSelect
          name="journeyId"
          label="Journey"
          allLabel="All journeys"
          value={filters.journeyId}
          options={journeys.map((j) => ({ value: j.id, label: j.name }))}
        />
      ) : null}
      {departments ? (
        <FilterSelect
          name="departmentId"
          label="Department"
          allLabel="All departments"
          value={filters.departmentId}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
        />
      ) : null}
      {locations && locations.length > 0 ? (
        <FilterSelect
          name="location"
          label="Location"
          allLabel="All locations"
          value={filters.location}
          problem={problems.find((p) => p.field === "location")?.message}
          options={locations.map((l) => ({ value: l.code, label: l.kind === "region" ? `${l.label} (region)` : l.label }))}
        />
      ) : null}
      <FilterSelect
        name="channel"
        label="Channel"
        allLabel="All channels"
        value={filters.channel}
        options={channels.map((c) => ({ value: c, label: channelLabel[c] }))}
      />
      <button type="submit" className="primary">
        Apply
      </button>
      <a href="?" className="button">
        Reset
      </a>
    </form>
  );
}

/** A URL for the same view with some filters changed; used by every drill-down link. */
export function hrefWith(path: string, filters: DashboardFilters, changes: Partial<Record<keyof DashboardFilters, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...changes })) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
