// One touchpoint: each metric against its target with its trend and 95% band, the answer distribution, the
// contacts it causes downstream beside its score, the initiatives on it (marked on the trend), and the
// customers' own words.
import type { Metadata } from "next";
import Link from "next/link";
import { DriversSection, hasDrivers } from "@/components/key-drivers/drivers-section";
import { ThemesSection, hasThemes } from "@/components/themes/themes-section";
import { describeChange, describeScore, formatCount, formatDate, formatMonth, formatPeriod, formatValue } from "@/components/format";
import { DownloadCsv } from "@/components/dashboard/download-csv";
import { idFromRoute, orNotFound } from "@/components/dashboard/entity-page";
import { hrefWith } from "@/components/dashboard/filter-bar";
import { trendPoint } from "@/components/dashboard/scores";
import { TrendChart } from "@/components/dashboard/lazy-trend-chart";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { NewInitiativeForm } from "@/components/initiatives/new-initiative-form";
import { serverApi } from "@/server/api/caller";
import { currentUser } from "@/server/auth/session";
import { readDashboardFilters } from "@/server/scores/filters";
import type { TouchpointView } from "@/server/scores/touchpoint";
import { Verbatims } from "./verbatims";
import { CausedSection } from "./caused-section";
import { describeVsRest, LeagueTable, sortLeague } from "@/components/locations/league-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Touchpoint" };

/** Green for favourable answers (NPS 9–10, CSAT 4–5, CES 5–7), red for the unfavourable end, grey between. */
function answerColour(metric: TouchpointView["metrics"][number], answer: number): string {
  if (metric.scale.kind === "nps") return answer >= 9 ? "#1f7a4d" : answer >= 7 ? "#b0b7c3" : "#b3261e";
  const favourable = metric.topBoxMin ?? metric.scale.max;
  const midpoint = (metric.scale.min + metric.scale.max) / 2;
  const good = metric.scale.direction === "lower_is_better" ? answer <= metric.scale.min + (metric.scale.max - favourable) : answer >= favourable;
  const bad = metric.scale.direction === "lower_is_better" ? answer > midpoint : answer < midpoint;
  return good ? "#1f7a4d" : bad ? "#b3261e" : "#b0b7c3";
}

function Distribution({ metric }: { metric: TouchpointView["metrics"][number] }) {
  const total = metric.distribution.responses;
  if (total === 0) return <p className="muted">No answers in this period.</p>;
  const groups =
    metric.scale.kind === "nps"
      ? ` Promoters ${metric.distribution.promoters}, passives ${metric.distribution.passives}, detractors ${metric.distribution.detractors}.`
      : "";
  return (
    <>
      <table className="bars-table" aria-label={`How many gave each ${metric.name} answer`}>
        <tbody>
          {[...metric.answers].reverse().map(({ answer, count }) => (
            <tr key={answer}>
              <th scope="row">{answer}</th>
              <td className="bar-track" aria-hidden="true">
                <span className="bar-fill" style={{ display: "block", width: `${(100 * count) / total}%`, background: answerColour(metric, answer) }} />
              </td>
              <td className="num">
                {((100 * count) / total).toFixed(0)}% ({count.toLocaleString("en-US")})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups ? <p className="muted">{groups.trim()}</p> : null}
    </>
  );
}

export default async function TouchpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ touchpointId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const touchpointId = idFromRoute((await params).touchpointId);
  const { filters } = readDashboardFilters(await searchParams);
  const api = await serverApi();
  const [data, acrossSites, drivers, themes] = await Promise.all([
    orNotFound(api.dashboard.touchpoint({ ...filters, touchpointId })),
    api.dashboard.touchpointAcrossSites({ ...filters, location: undefined, touchpointId }),
    orNotFound(api.keyDrivers.view({ ...filters, scope: "touchpoint", id: touchpointId })),
    orNotFound(api.themes.view({ ...filters, level: "touchpoint", id: touchpointId })),
  ]);
  const place = filters.location ? data.filterOptions.locations.find((l) => l.code === filters.location) : undefined;
  const tp = data.touchpoint;
  const user = await currentUser();
  const everywhere = user?.role === "admin" || (user?.role === "owner" && tp.ownerId === user.id);
  // A site manager may start a site-level initiative at the locations they answer for.
  const startable = data.filterOptions.locations.filter((l) => l.active && (everywhere || (user?.role === "owner" && l.managerIds.includes(user.id))));
  const canStart = everywhere || startable.length > 0;
  const markers = data.initiatives.filter((i) => i.startDate).map((i) => ({ month: i.startDate!.slice(0, 7), label: `▶ ${i.title}` }));
  return (
    <>
      <p className="breadcrumb">
        <Link href={hrefWith("/overview", filters, {})}>Overview</Link>
        {data.placements.map((p) => (
          <span key={`${p.journeyId}-${p.stageName}`}>
            {" "}
            › <Link href={hrefWith(`/journeys/${p.journeyId}`, filters, {})}>{p.journeyName}</Link> › {p.stageName}
          </span>
        ))}
      </p>
      <PageHeader
        title={`${tp.name}${tp.momentOfTruth ? " ★" : ""}`}
        description={`${tp.code} · ${tp.departmentName} · owner ${tp.ownerName ?? "unassigned"}${tp.description ? ` · ${tp.description}` : ""}`}
      />
      <p>
        {formatPeriod(data.period)}, compared with {formatPeriod(data.compareTo)}
        {place ? (
          <>
            , at <strong>{place.label}</strong> only (<Link href={hrefWith(`/touchpoints/${tp.id}`, filters, { location: undefined })}>every location</Link>)
          </>
        ) : null}
        . Experience score: <strong>{describeScore("program", data.experience)}</strong>
      </p>
      {data.filterProblems.map((problem) => (
        <p key={problem.field} className="field-error" role="alert">
          {problem.message}
        </p>
      ))}
      {data.metrics.length === 0 ? <EmptyState title="No responses yet for this touchpoint" /> : null}
      {data.metrics.map((metric) => (
        <section key={metric.code} className="card" style={{ marginBottom: 16 }} aria-labelledby={`metric-${metric.code}`}>
          <div className="section-head">
            <h2 id={`metric-${metric.code}`} style={{ margin: 0 }}>
              {metric.name}
            </h2>
            <span>
              <strong>{describeScore(metric.code, metric.score)}</strong>
              {metric.target != null ? ` · target ${formatValue(metric.code, metric.target)}` : ""} · {describeChange(metric.code, metric.change)}
            </span>
          </div>
          <div className="two-col">
            <TrendChart
              points={metric.trend.map((t) => trendPoint(t.month, t.score))}
              label={`${metric.name} by month with 95% band${metric.target != null ? " and target" : ""}`}
              target={metric.target}
              markers={markers}
              height={220}
            />
            <div>
              <h3>Answers this period ({formatCount(metric.distribution.responses)})</h3>
              <Distribution metric={metric} />
              <details className="table-view">
                <summary>Trend as a table</summary>
                <DownloadCsv
                  fileName={`${tp.code} ${metric.code} by month.csv`}
                  rows={metric.trend.map((t) => ({
                    month: t.month.slice(0, 7),
                    n: t.score.n,
                    value: t.score.status === "ok" ? Number(t.score.value.toFixed(2)) : "insufficient",
                    margin: t.score.status === "ok" ? Number(t.score.margin.toFixed(2)) : "",
                  }))}
                />
                <table className="data">
                  <tbody>
                    {metric.trend.map((t) => (
                      <tr key={t.month}>
                        <td>{formatMonth(t.month)}</td>
                        <td>{describeScore(metric.code, t.score)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </div>
          </div>
        </section>
      ))}
      {hasDrivers(drivers) ? <DriversSection view={drivers} filters={filters} /> : null}
      {hasThemes(themes) ? <ThemesSection view={themes} filters={filters} /> : null}
      <CausedSection data={data} filters={filters} />
      <div className="section-head">
        <h2>Initiatives on this touchpoint</h2>
        <DownloadCsv
          fileName={`${tp.code} initiatives.csv`}
          rows={data.initiatives.map((i) => ({ title: i.title, where: i.locationName ?? "everywhere", status: i.status, start: i.startDate, due: i.dueDate }))}
        />
      </div>
      {canStart ? (
        <NewInitiativeForm
          touchpointId={tp.id}
          metrics={data.metrics.map((m) => ({ code: m.code, name: m.name }))}
          locations={startable}
          everywhere={everywhere}
          location={startable.some((l) => l.code === filters.location) ? filters.location : ""}
        />
      ) : null}
      {data.initiatives.length === 0 ? (
        <EmptyState title="No initiatives yet" />
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Initiative</th>
              <th scope="col">Where</th>
              <th scope="col">Status</th>
              <th scope="col">Start</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {data.initiatives.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link href={`/initiatives/${i.id}`}>{i.title}</Link>
                </td>
                <td>{i.locationName ?? "Everywhere"}</td>
                <td>{i.status.replace("_", " ")}</td>
                <td>{i.startDate ? formatDate(i.startDate) : "—"}</td>
                <td>{i.dueDate ? formatDate(i.dueDate) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {acrossSites.rows.length > 0 ? (
        <section className="card" aria-labelledby="across-sites">
          <div className="section-head">
            <h2 id="across-sites">{tp.name} at each site</h2>
            <DownloadCsv
              fileName={`${tp.code} by site ${data.period.from} ${data.period.to}.csv`}
              rows={acrossSites.rows.map((r) => ({
                site: r.name,
                region: r.regionName ?? "",
                n: r.score.n,
                experience_score: r.score.status === "ok" ? Number(r.score.value.toFixed(1)) : "insufficient",
                against_the_rest: r.kind === "none" ? "" : describeVsRest("program", r.vsRest),
              }))}
            />
          </div>
          <LeagueTable
            rows={sortLeague(acrossSites.rows, "rank")}
            caption={`Which sites pull ${tp.name} down: each site against this touchpoint's responses everywhere else.`}
            sort="rank"
            sortHref={() => hrefWith(`/touchpoints/${tp.id}`, filters, {}) + "#across-sites"}
            rowHref={(code) => hrefWith(`/touchpoints/${tp.id}`, filters, { location: code })}
            minimumSample={data.minimumSample}
          />
        </section>
      ) : null}
      <Verbatims touchpointId={tp.id} from={data.period.from} to={data.period.to} location={filters.location} />
    </>
  );
}
