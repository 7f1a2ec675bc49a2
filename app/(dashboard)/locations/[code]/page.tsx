// One site (or region): the overview cut to it — tiles, trend, journeys, moments of truth below target — and
// where along each journey it breaks compared with the other sites of its region.
import type { Metadata } from "next";
import Link from "next/link";
import { FilterBar, hrefWith } from "@/components/dashboard/filter-bar";
import { orNotFound } from "@/components/dashboard/entity-page";
import { ScoreTile } from "@/components/dashboard/score-tile";
import { TrendChart } from "@/components/dashboard/lazy-trend-chart";
import { EmptyState } from "@/components/empty-state";
import { describeChange, describeScore, formatDate, formatPeriod, formatValue } from "@/components/format";
import { statusLabel } from "@/components/initiatives/status";
import { LocationHeatmap } from "@/components/locations/location-heatmap";
import { MomentsBelowTarget } from "@/components/dashboard/moments-below-target";
import { MethodLink } from "@/components/method-link";
import { PageHeader } from "@/components/page-header";
import { ThemesSection, hasThemes } from "@/components/themes/themes-section";
import { serverApi } from "@/server/api/caller";
import { readDashboardFilters } from "@/server/scores/filters";
import { HEADLINE_METRICS } from "@/server/scores/overview";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).code) };
}

export default async function LocationPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const code = decodeURIComponent((await params).code);
  const { filters, problems } = readDashboardFilters(await searchParams);
  const view = { ...filters, location: undefined };
  // An unknown or renamed site's link is the 404 page, which says so, not an error.
  const api = await serverApi();
  // The location's themes: the program's comments given here (the location filter), as the page's scores are.
  const [data, themes] = await Promise.all([
    orNotFound(api.dashboard.location({ ...view, code })),
    api.themes.view({ ...view, level: "program", location: code }),
  ]);
  const { location, overview } = data;
  const here = { ...view, location: code };
  const trendPoints = overview.trend.map((t) => ({
    month: t.month,
    value: t.program.status === "ok" ? t.program.value : null,
    low: t.program.status === "ok" ? t.program.value - t.program.margin : null,
    high: t.program.status === "ok" ? t.program.value + t.program.margin : null,
    n: t.program.n,
  }));
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href={hrefWith("/locations", view, {})}>Locations</Link>
        {location.regionCode ? (
          <>
            {" "}
            › <Link href={hrefWith(`/locations/${location.regionCode}`, view, {})}>{location.regionName}</Link>
          </>
        ) : null}{" "}
        › {location.name}
      </nav>
      <PageHeader
        title={`${location.name}${location.kind === "region" ? " (region)" : ""}`}
        description={`${location.kind === "region" ? "Every site of the region" : "This site"}, ${formatPeriod(overview.period)}, compared with ${formatPeriod(overview.compareTo)}. Manager: ${location.managerName ?? "none named"}. Scores below ${overview.minimumSample} responses are not shown.`}
      />
      <FilterBar
        problems={problems}
        filters={view}
        period={overview.period}
        compareTo={overview.compareTo}
        journeys={overview.filterOptions.journeys}
        departments={overview.filterOptions.departments}
      />
      {data.sites.length ? (
        <p>
          Sites:{" "}
          {data.sites.map((site, i) => (
            <span key={site.code}>
              {i ? ", " : ""}
              <Link href={hrefWith(`/locations/${site.code}`, view, {})}>{site.name}</Link>
            </span>
          ))}
        </p>
      ) : null}

      <div className="tiles" aria-label="Headline scores">
        <ScoreTile metric="program" score={overview.tiles.program.score} change={overview.tiles.program.change} />
        {HEADLINE_METRICS.map((metric) => (
          <ScoreTile key={metric} metric={metric} score={overview.tiles[metric].score} change={overview.tiles[metric].change} />
        ))}
      </div>

      <h2>Experience score, last 12 months</h2>
      <div className="card">
        <TrendChart points={trendPoints} label={`Experience score at ${location.name} by month with its 95% confidence band`} />
      </div>

      <h2>Where along the journey {location.kind === "region" ? "its sites break" : "this site breaks"}</h2>
      {data.heatmaps.length === 0 ? (
        <EmptyState title="No journeys in this view" />
      ) : (
        data.heatmaps.map((heatmap) => (
          <section className="card" key={heatmap.journeyId} aria-label={heatmap.journeyName}>
            <LocationHeatmap heatmap={heatmap} siteHref={(site) => hrefWith(`/locations/${site}`, view, {})} />
          </section>
        ))
      )}
      <MethodLink section="locations">How locations are compared</MethodLink>

      <h2>Journeys here</h2>
      <div className="grid cols-3">
        {overview.journeys.map((journey) => (
          <section key={journey.id} className="card" aria-labelledby={`journey-${journey.id}`}>
            <h3 id={`journey-${journey.id}`}>
              <Link href={hrefWith(`/journeys/${journey.id}`, here, {})}>{journey.name}</Link>
            </h3>
            <div className="stat">{journey.score.status === "ok" ? formatValue("program", journey.score.value) : "—"}</div>
            <div className="muted">{describeScore("program", journey.score)}</div>
            <div className="change">{describeChange("program", journey.change)}</div>
          </section>
        ))}
      </div>

      {hasThemes(themes) ? <ThemesSection view={themes} filters={here} scope={{ level: "program" }} /> : null}

      <h2>Initiatives here</h2>
      {data.initiatives.length === 0 ? (
        <EmptyState title="No site-level initiatives here yet">
          <p>The site&apos;s manager, or a touchpoint&apos;s owner, starts one from the touchpoint&apos;s page and picks this location under Where.</p>
        </EmptyState>
      ) : (
        <table className="data" aria-label="Initiatives here">
          <thead>
            <tr>
              <th scope="col">Initiative</th>
              <th scope="col">Touchpoint</th>
              <th scope="col">Where</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {data.initiatives.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link href={`/initiatives/${i.id}`}>{i.title}</Link>
                </td>
                <td>
                  <Link href={hrefWith(`/touchpoints/${i.touchpointId}`, here, {})}>{i.touchpointName}</Link>
                </td>
                <td>{i.locationName}</td>
                <td>{i.ownerName ?? "—"}</td>
                <td>{statusLabel[i.status]}</td>
                <td>
                  {i.dueDate ? formatDate(i.dueDate) : "—"}
                  {i.overdue ? <span className="bad-text"> · overdue</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Moments of truth below target here</h2>
      <MomentsBelowTarget
        moments={overview.momentsBelowTarget}
        hrefFor={(id) => hrefWith(`/touchpoints/${id}`, here, {})}
        emptyTitle="Every scored moment of truth meets its target here"
      />
    </>
  );
}
