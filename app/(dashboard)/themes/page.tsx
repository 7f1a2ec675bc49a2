// Experience › Themes: what the customers' comments are about, for the program or one journey, stage, touchpoint,
// department or location — every theme's share, sentiment and change, the rising and falling ones, a trend per
// theme and, with `theme` in the URL, that theme's trend and highlighted comments. Roll-ups only, but the comments.
import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/components/dashboard/entity-page";
import { FilterSelect } from "@/components/dashboard/filter-select";
import { DateField } from "@/components/date-field";
import { EmptyState } from "@/components/empty-state";
import { describeProportion, describeProportionChange, describeSentiment, formatCount, formatNumber, formatPeriod } from "@/components/format";
import { MethodLink } from "@/components/method-link";
import { PageHeader } from "@/components/page-header";
import { themesCsvHref, themesHref } from "@/components/themes/links";
import { ThemeComments } from "@/components/themes/theme-comments";
import { ThemeTrend, TopThemesTrend, TRENDS_SHOWN } from "@/components/themes/theme-trend";
import { significantChanges, ThemesTable, type ThemeRow, type ThemesView } from "@/components/themes/themes-table";
import { entityIdText } from "@/lib/schemas";
import type { ThemeLevel } from "@/lib/themes";
import { serverApi } from "@/server/api/caller";
import { currentUser } from "@/server/auth/session";
import { readDashboardFilters } from "@/server/scores/filters";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Themes" };

const levels = ["journey", "stage", "touchpoint", "department", "location"] as const satisfies readonly ThemeLevel[];
type Params = Record<string, string | string[] | undefined>;

/** The scope from the URL: `level` and `id` (links from other pages), or the form's single `of` ("journey:3"). */
function readScope(params: Params): { level: ThemeLevel; id?: number } {
  const of = typeof params.of === "string" ? params.of : undefined;
  const [rawLevel, rawId] = of ? of.split(":") : [params.level, params.id];
  const level = levels.find((l) => l === rawLevel);
  const parsed = entityIdText.safeParse(rawId);
  return level && parsed.success ? { level, id: parsed.data } : { level: "program" };
}

function ScopeSelect({ view, selected }: { view: ThemesView; selected: string }) {
  const { choices } = view;
  const location = view.scope.level === "location" ? choices.locations.find((l) => l.id === view.scope.id) : undefined;
  return (
    <div>
      <label htmlFor="of">Scope</label>
      <select id="of" name="of" defaultValue={selected}>
        <option value="">Whole program</option>
        {location ? <option value={`location:${location.id}`}>{location.name} (location)</option> : null}
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
  );
}

function Filters({
  view,
  selected,
  location,
  problems,
}: {
  view: ThemesView;
  selected: string;
  location?: string;
  problems: Array<{ field: string; message: string }>;
}) {
  const problem = (field: string) => problems.find((p) => p.field === field)?.message;
  return (
    <form className="filters card" method="get" aria-label="Scope and period">
      <ScopeSelect view={view} selected={selected} />
      <DateField id="from" name="from" label="From" value={view.period.from} problem={problem("from")} />
      <DateField id="to" name="to" label="To" value={view.period.to} problem={problem("to")} />
      <DateField id="compareFrom" name="compareFrom" label="Compare from" value={view.compareTo.from} problem={problem("compareFrom")} />
      <DateField id="compareTo" name="compareTo" label="Compare to" value={view.compareTo.to} problem={problem("compareTo")} />
      {view.scope.level !== "location" && view.choices.locationFilter.length > 0 ? (
        <FilterSelect
          name="location"
          label="Location"
          allLabel="All locations"
          value={location}
          problem={problem("location")}
          options={view.choices.locationFilter.map((l) => ({ value: l.code, label: l.kind === "region" ? `${l.label} (region)` : l.label }))}
        />
      ) : null}
      <button type="submit" className="primary">
        Apply
      </button>
      <a href="?" className="button">
        Reset
      </a>
    </form>
  );
}

/** The period's comments in one line: how many, from detractors, analysed, and their sentiment. */
function Totals({ view }: { view: ThemesView }) {
  const { totals } = view;
  return (
    <p data-testid="themes-totals">
      <strong>{formatCount(totals.comments)} comments</strong> in this period, {formatNumber(totals.detractorComments)} of them from detractors;{" "}
      {formatNumber(totals.analysedComments)} analysed for sentiment (English), average {describeSentiment(totals.sentiment, totals.analysedComments)};{" "}
      {formatCount(totals.previousComments)} comments in the comparison period. Shares below {view.minimumSample} comments are not given.
    </p>
  );
}

function ChangeList({ title, rows, none, hrefFor }: { title: string; rows: ThemeRow[]; none: string; hrefFor: (id: number) => string }) {
  const id = `${title.toLowerCase()}-heading`;
  return (
    <section className="card" aria-labelledby={id} data-testid={`${title.toLowerCase()}-themes`}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{none}</p>
      ) : (
        <ul>
          {rows.map((row) => (
            <li key={row.themeId}>
              <Link href={hrefFor(row.themeId)}>{row.name}</Link>: {describeProportionChange(row.change)}, from {describeProportion(row.previous.share)} to{" "}
              {describeProportion(row.share)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Changes({ view, hrefFor }: { view: ThemesView; hrefFor: (id: number) => string }) {
  const rising = significantChanges(view, "rising");
  const falling = significantChanges(view, "falling");
  if (view.totals.previousComments < view.minimumSample)
    return (
      <p className="notice" role="status" data-testid="no-significant-change">
        No change is given: the comparison period, {formatPeriod(view.compareTo)}, has {formatCount(view.totals.previousComments)} comments, and a comparison
        needs at least {view.minimumSample}.
      </p>
    );
  if (rising.length === 0 && falling.length === 0)
    return (
      <p className="notice" role="status" data-testid="no-significant-change">
        No theme changed significantly against {formatPeriod(view.compareTo)} (two-proportion test, p &lt; 0.05).
      </p>
    );
  return (
    <div className="two-col">
      <ChangeList title="Rising" rows={rising} none="No theme rose significantly." hrefFor={hrefFor} />
      <ChangeList title="Falling" rows={falling} none="No theme fell significantly." hrefFor={hrefFor} />
    </div>
  );
}

function NoThemes({ view, admin }: { view: ThemesView; admin: boolean }) {
  const title = view.scope.level === "program" ? "No themes yet" : `No theme of the codebook covers ${view.scope.name}`;
  return (
    <EmptyState title={title}>
      {admin ? (
        <p>
          A theme is a set of words and phrases (e.g. “service charge”); comments that use them count under it. Add themes on{" "}
          <Link href="/admin/themes">Setup › Themes</Link>; past comments are tagged in the background.
        </p>
      ) : (
        <p>Themes count here once an admin sets up the codebook of themes (words and phrases) on Setup › Themes.</p>
      )}
    </EmptyState>
  );
}

export default async function ThemesPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const { filters, problems } = readDashboardFilters(params);
  const scope = readScope(params);
  const { from, to, compareFrom, compareTo, location } = filters;
  const input = { from, to, compareFrom, compareTo, location: scope.level === "location" ? undefined : location, ...scope };
  const [api, user] = await Promise.all([serverApi(), currentUser()]);
  const [view, trend] = await Promise.all([orNotFound(api.themes.view(input)), orNotFound(api.themes.trend(input))]);
  const allProblems = [...problems, ...view.problems];
  const wanted = entityIdText.safeParse(params.theme);
  const selected = wanted.success ? view.themes.find((t) => t.themeId === wanted.data) : undefined;
  const selectedTrend = selected ? trend.themes.find((t) => t.themeId === selected.themeId) : undefined;
  // Links keep the period the page shows (the default one too), so a shared link shows the same figures.
  const kept = { from: view.period.from, to: view.period.to, compareFrom: view.compareTo.from, compareTo: view.compareTo.to, location: input.location };
  const linkScope = { level: view.scope.level, id: view.scope.id };
  const hrefFor = (themeId: number) => themesHref(kept, linkScope, { theme: themeId, hash: "trend" });
  const at = view.location && view.scope.level !== "location" ? ` at ${view.location.name}` : "";
  const where = `${view.scope.name}${at}`;
  const inWords = view.scope.level === "program" ? `the whole program${at}` : where;
  const fileStem = `themes ${view.scope.name} ${view.period.from} ${view.period.to}`;
  const largest = Math.min(TRENDS_SHOWN, view.themes.filter((t) => t.comments > 0).length);
  return (
    <>
      <PageHeader
        title="Themes"
        description={`What customers' comments are about for ${inWords}, ${formatPeriod(view.period)}, compared with ${formatPeriod(view.compareTo)}: each theme's share of comments and among detractors with its 95% interval, its average sentiment, and whether its share changed significantly.`}
      />
      <Filters view={view} selected={scope.level === "program" ? "" : `${scope.level}:${scope.id}`} location={input.location} problems={allProblems} />
      {wanted.success && !selected ? (
        <p className="field-error" role="alert">
          Theme {wanted.data} is not in this view (it may be paused, deleted, or limited to other touchpoints); showing every theme instead.
        </p>
      ) : null}
      {view.themes.length === 0 ? (
        <NoThemes view={view} admin={user?.role === "admin"} />
      ) : view.totals.comments === 0 ? (
        <EmptyState title="No comments in this period">
          <p>
            No customer left a comment for {inWords}, {formatPeriod(view.period)}. Choose a longer or an earlier period.
          </p>
        </EmptyState>
      ) : (
        <>
          <Totals view={view} />
          <Changes view={view} hrefFor={hrefFor} />
          <section className="card" aria-labelledby="all-themes-heading">
            <div className="section-head">
              <h2 id="all-themes-heading">Every theme: {where}</h2>
              <a className="button csv-button" href={themesCsvHref(kept, linkScope)} download>
                Download CSV
              </a>
            </div>
            <ThemesTable view={view} label={`Themes: ${where}`} hrefFor={hrefFor} linkText="its trend and comments" />
            <MethodLink section="themes">How shares, intervals, sentiment and significance are computed</MethodLink>
          </section>
          <section className="card" aria-labelledby="trend-heading" id="trend">
            <div className="section-head">
              <h2 id="trend-heading">
                {selected
                  ? `${selected.name}: share of comments, last 12 months`
                  : `${largest === 1 ? "The largest theme" : `The ${largest} largest themes`}, last 12 months`}
              </h2>
              {selected ? (
                <Link className="button" href={themesHref(kept, linkScope)}>
                  Back to the largest themes
                </Link>
              ) : null}
            </div>
            {selected && selectedTrend ? (
              <>
                {selected.description ? <p className="muted">{selected.description}</p> : null}
                <ThemeTrend theme={selectedTrend} minimum={view.minimumSample} fileName={`${fileStem} ${selected.name} by month.csv`} />
              </>
            ) : (
              <>
                <p className="muted">Choose a theme in the table for its own trend and its comments.</p>
                <TopThemesTrend
                  trend={trend}
                  themeIds={view.themes.filter((t) => t.comments > 0).map((t) => t.themeId)}
                  minimum={view.minimumSample}
                  fileName={`${fileStem} by month.csv`}
                />
              </>
            )}
          </section>
          {selected ? (
            <section className="card" aria-labelledby="comments-heading" id="comments">
              <h2 id="comments-heading">
                What customers said about {selected.name} ({formatCount(selected.comments)})
              </h2>
              <ThemeComments
                themeName={selected.name}
                query={{
                  level: view.scope.level,
                  id: view.scope.id ?? undefined,
                  from: view.period.from,
                  to: view.period.to,
                  compareFrom: view.compareTo.from,
                  compareTo: view.compareTo.to,
                  location: input.location,
                  themeId: selected.themeId,
                }}
              />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
