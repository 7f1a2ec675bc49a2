// A journey map: stages in order with their touchpoints, owners, departments, scores and targets,
// the emotion curve across the stages, and which departments own the weakest steps.
import type { Metadata } from "next";
import Link from "next/link";
import { DriversSection, hasDrivers } from "@/components/key-drivers/drivers-section";
import { ThemesSection, hasThemes } from "@/components/themes/themes-section";
import { describeChange, describeMissing, describeScore, formatCount, formatValue, metricLabel } from "@/components/format";
import { DownloadCsv } from "@/components/dashboard/download-csv";
import { idFromRoute, orNotFound } from "@/components/dashboard/entity-page";
import { FilterBar, hrefWith } from "@/components/dashboard/filter-bar";
import { trendPoint } from "@/components/dashboard/scores";
import { TrendChart } from "@/components/dashboard/lazy-trend-chart";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { serverApi } from "@/server/api/caller";
import { readDashboardFilters } from "@/server/scores/filters";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Journey" };

export default async function JourneyPage({
  params,
  searchParams,
}: {
  params: Promise<{ journeyId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const journeyId = idFromRoute((await params).journeyId);
  const { filters, problems: filterProblems } = readDashboardFilters(await searchParams);
  const api = await serverApi();
  const [data, drivers, themes] = await Promise.all([
    orNotFound(api.dashboard.journey({ ...filters, journeyId })),
    orNotFound(api.keyDrivers.view({ ...filters, scope: "journey", id: journeyId })),
    orNotFound(api.themes.view({ ...filters, level: "journey", id: journeyId })),
  ]);
  const keep = { ...filters, journeyId: undefined };
  const tableRows = data.stages.flatMap((stage) =>
    stage.touchpoints.map((tp) => ({
      stage: stage.name,
      code: tp.code,
      touchpoint: tp.name,
      department: tp.departmentName,
      owner: tp.ownerName,
      n: tp.experience.n,
      score: tp.experience.status === "ok" ? Number(tp.experience.value.toFixed(1)) : "insufficient",
      csat: tp.metrics.csat?.status === "ok" ? Number(tp.metrics.csat.value.toFixed(1)) : "insufficient",
      csat_target: tp.targets.csat ?? "",
    })),
  );
  return (
    <>
      <p className="breadcrumb">
        <Link href={hrefWith("/overview", keep, {})}>Overview</Link> › {data.journey.name}
      </p>
      <PageHeader title={data.journey.name} description={data.journey.persona ?? data.journey.description ?? undefined} />
      <FilterBar
        problems={[...filterProblems, ...data.filterProblems]}
        filters={{ ...filters, journeyId }}
        period={data.period}
        compareTo={data.compareTo}
        {...data.filterOptions}
        journeys={undefined}
      />
      <p>
        <strong>Journey score: {describeScore("program", data.score)}</strong> · {describeChange("program", data.change)}
      </p>

      <h2>The journey, stage by stage</h2>
      {data.stages.length === 0 ? (
        <EmptyState title="This journey has no stages yet" />
      ) : (
        <ol className="journey-map" aria-label={`Stages of ${data.journey.name}`} style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {data.stages.map((stage) => (
            <li key={stage.id} className="stage">
              <h4>{stage.name}</h4>
              <div className="stage-score">{stage.score.status === "ok" ? formatValue("program", stage.score.value) : "—"}</div>
              <div className="muted" style={{ fontSize: 12, marginBottom: 6 }}>
                {stage.touchpoints.length === 0 ? "No touchpoints in this view" : describeScore("program", stage.score)}
              </div>
              {stage.touchpoints.map((tp) => {
                const csat = tp.metrics.csat;
                const below = csat?.status === "ok" && tp.targets.csat !== undefined && csat.value < tp.targets.csat;
                return (
                  <span key={tp.id} className={`chip ${below ? "below" : ""}`}>
                    <Link href={hrefWith(`/touchpoints/${tp.id}`, keep, {})}>
                      {tp.name}
                      {tp.momentOfTruth ? (
                        <span className="mot" title="Moment of truth">
                          {" "}
                          ★
                        </span>
                      ) : null}
                    </Link>
                    <span className="score">{tp.experience.status === "ok" ? formatValue("program", tp.experience.value) : "—"}</span>{" "}
                    <span className="code nowrap">{tp.experience.status === "ok" ? formatCount(tp.experience.n) : describeMissing(tp.experience)}</span>
                    <br />
                    <span className="code">
                      {tp.departmentName} · {tp.ownerName ?? "unassigned"}
                    </span>
                    <br />
                    <span className="code">
                      {metricLabel.csat}{" "}
                      {csat?.status === "ok" ? `${formatValue("csat", csat.value)} (${formatCount(csat.n)})` : csat ? describeMissing(csat) : "not asked"}
                      {tp.targets.csat !== undefined ? ` / target ${formatValue("csat", tp.targets.csat)}` : ""}
                    </span>
                  </span>
                );
              })}
            </li>
          ))}
        </ol>
      )}

      <div className="two-col">
        <section>
          <h2>Emotion curve</h2>
          <div className="card">
            <TrendChart
              points={data.stages.map((s) => trendPoint(s.name, s.score))}
              label={`Experience score across the stages of ${data.journey.name}`}
              height={220}
              axis="category"
            />
            <p className="muted">{data.stages.map((s) => `${s.name}: ${describeScore("program", s.score)}`).join(" · ")}</p>
          </div>
        </section>
        <section>
          <h2>Who owns the weakest steps</h2>
          {data.weakestByDepartment.length === 0 ? (
            <EmptyState title="Not enough responses to rank the steps" />
          ) : (
            <ul>
              {data.weakestByDepartment.map((d) => (
                <li key={d.departmentName}>
                  <strong>{d.departmentName}</strong>: {d.touchpoints.join(", ")}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {hasDrivers(drivers) ? <DriversSection view={drivers} filters={filters} stages={data.stages} /> : null}
      {hasThemes(themes) ? <ThemesSection view={themes} filters={filters} stages={data.stages} /> : null}

      <div className="section-head">
        <h2>All touchpoints in this journey</h2>
        <DownloadCsv rows={tableRows} fileName={`${data.journey.name} ${data.period.from} ${data.period.to}.csv`} />
      </div>
      <table className="data">
        <thead>
          <tr>
            {["Stage", "Touchpoint", "Department", "Owner", "Experience score", "CSAT (target)"].map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.stages.flatMap((stage) =>
            stage.touchpoints.map((tp) => (
              <tr key={`${stage.id}-${tp.id}`}>
                <td>{stage.name}</td>
                <td>
                  <Link href={hrefWith(`/touchpoints/${tp.id}`, keep, {})}>{tp.name}</Link> <span className="muted">{tp.code}</span>
                </td>
                <td>{tp.departmentName}</td>
                <td>{tp.ownerName ?? "—"}</td>
                <td>{describeScore("program", tp.experience)}</td>
                <td>
                  {tp.metrics.csat ? describeScore("csat", tp.metrics.csat) : "not asked"}
                  {tp.targets.csat !== undefined ? ` (${formatValue("csat", tp.targets.csat)})` : ""}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </>
  );
}
