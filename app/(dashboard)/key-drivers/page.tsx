// Experience › Key drivers: for a scope and period, which metrics answered with the outcome move it most —
// Johnson's relative weights on the importance × performance quadrant, with the table behind it, and the themes
// of the comments as drivers. Roll-ups only.
import type { Metadata } from "next";
import { orNotFound } from "@/components/dashboard/entity-page";
import { FilterSelect } from "@/components/dashboard/filter-select";
import { DateField } from "@/components/date-field";
import { formatPeriod } from "@/components/format";
import { DriversPanel } from "@/components/key-drivers/drivers-panel";
import { ThemeDriversTable } from "@/components/key-drivers/theme-drivers";
import { PageHeader } from "@/components/page-header";
import { entityIdText } from "@/lib/schemas";
import { serverApi } from "@/server/api/caller";
import { keyDriverQuerySchema } from "@/server/drivers/view";
import { readDashboardFilters } from "@/server/scores/filters";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Key drivers" };

const scopes = ["journey", "stage", "touchpoint", "department"] as const;
type Scope = "program" | (typeof scopes)[number];

/** The scope from the URL: `scope` and `id` (links from other pages), or the form's single `of` ("journey:3"). */
function readScope(params: Record<string, string | string[] | undefined>): { scope: Scope; id?: number } {
  const of = typeof params.of === "string" ? params.of : undefined;
  const [rawScope, rawId] = of ? of.split(":") : [params.scope, params.id];
  const scope = scopes.find((s) => s === rawScope);
  const parsed = entityIdText.safeParse(rawId);
  const id = parsed.success ? parsed.data : undefined;
  return scope && id !== undefined ? { scope, id } : { scope: "program" };
}

export default async function KeyDriversPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { filters, problems } = readDashboardFilters(params);
  const scope = readScope(params);
  // An outcome that is not even shaped like a metric's code is said at the field, like an unknown one.
  const rawOutcome = typeof params.outcome === "string" && params.outcome !== "" ? params.outcome : undefined;
  const outcomeShape = keyDriverQuerySchema.shape.outcome.safeParse(rawOutcome);
  const outcome = outcomeShape.success ? outcomeShape.data : undefined;
  if (!outcomeShape.success) problems.push({ field: "outcome", message: `“${rawOutcome}” is not a metric's code (such as nps or csat); showing NPS instead.` });
  const api = await serverApi();
  const view = await orNotFound(api.keyDrivers.view({ ...filters, ...scope, outcome }));
  const { choices } = view;
  const allProblems = [...problems, ...view.problems];
  const selected = scope.scope === "program" ? "" : `${scope.scope}:${scope.id}`;
  return (
    <>
      <PageHeader
        title="Key drivers"
        description={`What moves ${view.outcome.name} most for ${view.scope.name}${view.location ? ` at ${view.location.name}` : ""}, ${formatPeriod(view.period)}: each driver's share of what the model explains, against how well it performs. Drivers whose effect is not significant are shown apart, never ranked.`}
      />
      <form className="filters card" method="get" aria-label="Scope, outcome and period">
        <div>
          <label htmlFor="of">Scope</label>
          <select id="of" name="of" defaultValue={selected}>
            <option value="">Whole program</option>
            <optgroup label="Journeys">
              {choices.journeys.map((j) => (
                <option key={j.id} value={`journey:${j.id}`}>
                  {j.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Stages">
              {choices.journeys.flatMap((j) =>
                j.stages.map((s) => (
                  <option key={s.id} value={`stage:${s.id}`}>
                    {j.name} › {s.name}
                  </option>
                )),
              )}
            </optgroup>
            <optgroup label="Departments">
              {choices.departments.map((d) => (
                <option key={d.id} value={`department:${d.id}`}>
                  {d.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Touchpoints">
              {choices.touchpoints.map((tp) => (
                <option key={tp.id} value={`touchpoint:${tp.id}`}>
                  {tp.name} ({tp.code})
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div>
          <label htmlFor="outcome">Outcome</label>
          <select
            id="outcome"
            name="outcome"
            defaultValue={view.outcome.code}
            aria-invalid={allProblems.some((p) => p.field === "outcome") || undefined}
            aria-describedby={allProblems.some((p) => p.field === "outcome") ? "outcome-problem" : undefined}
          >
            {(view.outcomes.some((o) => o.code === view.outcome.code) ? view.outcomes : [view.outcome, ...view.outcomes]).map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
          {allProblems
            .filter((p) => p.field === "outcome")
            .map((p) => (
              <p key={p.message} id="outcome-problem" className="field-error" role="alert">
                {p.message}
              </p>
            ))}
        </div>
        <DateField id="from" name="from" label="From" value={view.period.from} problem={allProblems.find((p) => p.field === "from")?.message} />
        <DateField id="to" name="to" label="To" value={view.period.to} problem={allProblems.find((p) => p.field === "to")?.message} />
        {choices.locations.length > 0 ? (
          <FilterSelect
            name="location"
            label="Location"
            allLabel="All locations"
            value={filters.location}
            problem={allProblems.find((p) => p.field === "location")?.message}
            options={choices.locations.map((l) => ({ value: l.code, label: l.kind === "region" ? `${l.label} (region)` : l.label }))}
          />
        ) : null}
        <button type="submit" className="primary">
          Apply
        </button>
        <a href="?" className="button">
          Reset
        </a>
      </form>
      <section className="card" aria-labelledby="drivers-heading">
        <h2 id="drivers-heading">
          Drivers of {view.outcome.name}: {view.scope.name}
        </h2>
        <DriversPanel view={view} />
      </section>
      <section className="card" aria-labelledby="theme-drivers-heading">
        <h2 id="theme-drivers-heading">Themes as drivers of {view.outcome.name}</h2>
        <ThemeDriversTable view={view} filters={{ from: view.period.from, to: view.period.to, location: filters.location }} />
      </section>
    </>
  );
}
