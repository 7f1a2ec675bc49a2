// Executives' home: the program's experience across journeys and silos, and where it breaks (failure demand),
// read from the roll-up tables. `heat=contacts` in the URL turns the heatmap to the contacts caused.
import type { Metadata } from "next";
import Link from "next/link";
import { describeChange, describeScore, formatMonth, formatNumber, formatPeriod, formatValue, metricLabel } from "@/components/format";
import { EmptyState } from "@/components/empty-state";
import { DownloadCsv } from "@/components/dashboard/download-csv";
import { FilterBar, hrefWith } from "@/components/dashboard/filter-bar";
import { CausedHeatmap, Heatmap } from "@/components/dashboard/heatmap";
import { FailureDemandTile } from "@/components/dashboard/failure-demand-tile";
import { MomentsBelowTarget } from "@/components/dashboard/moments-below-target";
import { ScoreTile } from "@/components/dashboard/score-tile";
import { TrendChart } from "@/components/dashboard/lazy-trend-chart";
import { PageHeader } from "@/components/page-header";
import { serverApi } from "@/server/api/caller";
import { readDashboardFilters } from "@/server/scores/filters";
import { HEADLINE_METRICS } from "@/server/scores/overview";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

const statusLabel: Record<string, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  on_hold: "On hold",
  done: "Done",
  cancelled: "Cancelled",
};

/** The heatmap's two faces, in the URL: scores (the default) or `heat=contacts`, with the filters kept. */
function heatHref(filters: Parameters<typeof hrefWith>[1], heat: "scores" | "contacts"): string {
  const href = hrefWith("/overview", filters, {});
  if (heat === "scores") return `${href}#silos`;
  return `${href}${href.includes("?") ? "&" : "?"}heat=contacts#silos`;
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { filters, problems: filterProblems } = readDashboardFilters(params);
  const heat = params.heat === "contacts" ? "contacts" : "scores";
  const api = await serverApi();
  const [data, portfolio] = await Promise.all([api.dashboard.overview(filters), api.initiatives.portfolio({ sort: "impact" })]);
  const trendPoints = data.trend.map((t) => ({
    month: t.month,
    value: t.program.status === "ok" ? t.program.value : null,
    low: t.program.status === "ok" ? t.program.value - t.program.margin : null,
    high: t.program.status === "ok" ? t.program.value + t.program.margin : null,
    n: t.program.n,
  }));

  return (
    <>
      <PageHeader
        title="Overview"
        description={`Experience across every journey and department, ${formatPeriod(data.period)}, compared with ${formatPeriod(data.compareTo)}. Scores below ${data.minimumSample} responses are not shown.`}
      />
      <FilterBar
        problems={[...filterProblems, ...data.filterProblems]}
        filters={filters}
        period={data.period}
        compareTo={data.compareTo}
        {...data.filterOptions}
        keep={heat === "contacts" ? { heat } : {}}
      />
      {data.journeys.length === 0 ? (
        <EmptyState title="Nothing to show yet">
          <p>Journeys and their touchpoints appear here once an admin sets them up and survey responses arrive.</p>
        </EmptyState>
      ) : null}

      <div className="tiles" aria-label="Headline scores">
        <ScoreTile metric="program" score={data.tiles.program.score} change={data.tiles.program.change} emptyView={data.touchpointsInView === 0} />
        {HEADLINE_METRICS.map((code) => (
          <ScoreTile key={code} metric={code} score={data.tiles[code].score} change={data.tiles[code].change} emptyView={data.touchpointsInView === 0} />
        ))}
        <FailureDemandTile tile={data.failureDemand} currency={data.currency} href={hrefWith("/failure-demand", filters, {})} />
      </div>

      <h2>Experience score, last 12 months</h2>
      <div className="card">
        <TrendChart points={trendPoints} label="Experience score by month with its 95% confidence band" />
        <details className="table-view">
          <summary>Show as a table</summary>
          <DownloadCsv
            fileName={`trend to ${data.period.to}.csv`}
            rows={data.trend.map((t) => ({
              month: t.month.slice(0, 7),
              n: t.program.n,
              experience_score: t.program.status === "ok" ? Number(t.program.value.toFixed(1)) : "insufficient",
              ...Object.fromEntries(
                HEADLINE_METRICS.map((code) => [
                  code,
                  t.metrics[code]!.status === "ok" ? Number((t.metrics[code] as { value: number }).value.toFixed(1)) : "insufficient",
                ]),
              ),
            }))}
          />
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Experience score</th>
                {HEADLINE_METRICS.map((code) => (
                  <th scope="col" key={code}>
                    {metricLabel[code]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.trend.map((t) => (
                <tr key={t.month}>
                  <td>{formatMonth(t.month)}</td>
                  <td>{describeScore("program", t.program)}</td>
                  {HEADLINE_METRICS.map((code) => (
                    <td key={code}>{describeScore(code, t.metrics[code]!)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </div>

      <h2>Journeys</h2>
      <div className="grid cols-3">
        {data.journeys.map((journey) => (
          <section key={journey.id} className="card" aria-labelledby={`journey-${journey.id}`}>
            <h3 id={`journey-${journey.id}`}>
              <a href={hrefWith(`/journeys/${journey.id}`, { ...filters, journeyId: undefined }, {})}>{journey.name}</a>
            </h3>
            <div className="stat">{journey.score.status === "ok" ? formatValue("program", journey.score.value) : "—"}</div>
            <div className="muted">{describeScore("program", journey.score)}</div>
            {journey.score.insufficientWeightShare > 0 ? (
              <div className="left-out">{(100 * journey.score.insufficientWeightShare).toFixed(0)}% of the weight left out: too few responses</div>
            ) : null}
            <div className="change">{describeChange("program", journey.change)}</div>
            <p>
              Weakest stage:{" "}
              {journey.weakestStage ? (
                <strong>
                  {journey.weakestStage.name} ({formatValue("program", journey.weakestStage.value)})
                </strong>
              ) : (
                <span className="muted">not enough data</span>
              )}
            </p>
          </section>
        ))}
      </div>

      <div className="section-head">
        <h2 id="silos">The silos across the journey</h2>
        {/* A view control like the filters: left out of the printed board pack. */}
        <nav aria-label="The heatmap shows" className="filters" style={{ margin: 0 }}>
          {(["scores", "contacts"] as const).map((face) => (
            <a
              key={face}
              href={heatHref(filters, face)}
              className="button"
              aria-current={heat === face ? "true" : undefined}
              style={heat === face ? { borderColor: "var(--accent)", fontWeight: 600 } : undefined}
            >
              {face === "scores" ? "Experience scores" : "Contacts caused"}
            </a>
          ))}
        </nav>
        {heat === "scores" ? (
          <DownloadCsv
            fileName={`heatmap ${data.period.from} ${data.period.to}.csv`}
            rows={data.heatmap.rows.flatMap((row) =>
              row.cells.flatMap((cell, i) => {
                const column = data.heatmap.columns[i]!;
                return cell
                  ? [
                      {
                        department: row.departmentName,
                        journey: column.journeyName,
                        stage: column.stageName,
                        n: cell.n,
                        score: cell.status === "ok" ? Number(cell.value.toFixed(1)) : "insufficient",
                      },
                    ]
                  : [];
              }),
            )}
          />
        ) : (
          <DownloadCsv
            fileName={`contacts caused by department and stage ${data.period.from} ${data.period.to}.csv`}
            rows={data.heatmap.rows.flatMap((row) =>
              row.causedCells.flatMap((cell, i) => {
                const column = data.heatmap.columns[i]!;
                return cell
                  ? [
                      {
                        department: row.departmentName,
                        journey: column.journeyName,
                        stage: column.stageName,
                        contacts_caused: Number(cell.contacts.toFixed(1)),
                        cost: Number(cell.cost.toFixed(2)),
                        currency: data.currency,
                      },
                    ]
                  : [];
              }),
            )}
          />
        )}
      </div>
      {heat === "scores" ? (
        <Heatmap
          heatmap={data.heatmap}
          linkFor={(departmentId, journeyId) => hrefWith(`/journeys/${journeyId}`, { ...filters, journeyId: undefined }, { departmentId })}
        />
      ) : data.failureDemand.failureContacts === 0 ? (
        <EmptyState title={data.failureDemand.contacts === 0 ? "No service contacts in this period" : "No contacts caused by these touchpoints in this period"}>
          <p>
            {data.failureDemand.contacts === 0
              ? "Contacts appear here once support's exports are imported and their reasons are mapped to the touchpoints that caused them."
              : "Contacts count here once their reasons are mapped to the touchpoints that caused them."}{" "}
            <Link href="/admin/contact-reasons">Map contact reasons</Link> (admins).
          </p>
        </EmptyState>
      ) : (
        <CausedHeatmap
          heatmap={data.heatmap}
          currency={data.currency}
          linkFor={(departmentId, journeyId) => hrefWith("/failure-demand", { ...filters, journeyId: undefined }, { departmentId, journeyId })}
        />
      )}

      <div className="two-col">
        <section>
          <div className="section-head">
            <h2>Moments of truth below target</h2>
            <DownloadCsv
              fileName={`moments below target ${data.period.from} ${data.period.to}.csv`}
              rows={data.momentsBelowTarget.map((m) => ({
                code: m.code,
                touchpoint: m.name,
                owner: m.ownerName,
                metric: m.metric,
                n: m.n,
                score: Number(m.value.toFixed(1)),
                margin: Number(m.margin.toFixed(1)),
                target: m.target,
              }))}
            />
          </div>
          <MomentsBelowTarget moments={data.momentsBelowTarget} hrefFor={(id) => hrefWith(`/touchpoints/${id}`, filters, {})} />
        </section>
        <section>
          <div className="section-head">
            <h2>Biggest significant movers</h2>
            <DownloadCsv
              fileName={`movers ${data.period.from} ${data.period.to}.csv`}
              rows={data.movers.map((m) => ({
                code: m.code,
                touchpoint: m.name,
                owner: m.ownerName,
                n: m.score.n,
                score: m.score.status === "ok" ? Number(m.score.value.toFixed(1)) : "insufficient",
                change: Number(m.change.difference.toFixed(1)),
                margin: Number(m.change.margin.toFixed(1)),
              }))}
            />
          </div>
          {data.movers.length === 0 ? (
            <EmptyState title="No significant changes">
              <p>No touchpoint&apos;s experience score changed significantly against the comparison period.</p>
            </EmptyState>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Touchpoint</th>
                  <th scope="col" className="num">
                    Now
                  </th>
                  <th scope="col" className="num">
                    Change
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.movers.map((m) => (
                  <tr key={m.touchpointId}>
                    <td>
                      <a href={hrefWith(`/touchpoints/${m.touchpointId}`, filters, {})}>{m.name}</a> <span className="muted">{m.code}</span>
                    </td>
                    <td className="num">{describeScore("program", m.score)}</td>
                    <td className={`num change ${m.change.direction === "better" ? "good" : "bad"}`}>
                      {m.change.difference > 0 ? "▲ +" : "▼ −"}
                      {Math.abs(m.change.difference).toFixed(1)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <h2>Initiatives</h2>
      {data.initiatives.length === 0 ? (
        <EmptyState title="No initiatives yet">
          <p>Owners start improvement initiatives on their touchpoints.</p>
        </EmptyState>
      ) : (
        <>
          <p>
            {data.initiatives.map((row) => `${statusLabel[row.status] ?? row.status}: ${formatNumber(row.count)}`).join(" · ")}
            {data.initiatives.some((row) => row.overdue > 0) ? ` · overdue: ${data.initiatives.reduce((sum, row) => sum + row.overdue, 0)}` : ""}
          </p>
          <p data-testid="initiatives-moved">
            What they moved: <strong>{portfolio.moved.better}</strong> raised their score significantly, <strong>{portfolio.moved.worse}</strong> lowered it,{" "}
            {portfolio.moved.no_change} show no significant change yet and {portfolio.moved.too_early} are too early to tell.{" "}
            <Link href="/initiatives?sort=impact">See every initiative and its impact</Link>
          </p>
        </>
      )}
    </>
  );
}
