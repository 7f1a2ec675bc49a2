// The league of sites or regions: rank, score with margin and n, the difference from the program (tested
// against everyone else), each headline metric; too-small rows say so and are not ranked. Sorted in the URL.
import Link from "next/link";
import { describeMissing, formatCount, formatMargin, formatValue, metricLabel } from "@/components/format";
import type { RouterOutputs } from "@/lib/router-types";
import type { Change } from "@/server/metrics/formulas";

export type LeagueRow = RouterOutputs["dashboard"]["locations"]["rows"][number];
export const leagueSorts = ["rank", "name", "nps", "csat", "ces"] as const;
export type LeagueSort = (typeof leagueSorts)[number];

/** Against the rest of the program, in words: "+6.2 better (significant)", "no significant difference". */
export function describeVsRest(metric: string, vsRest: Change): string {
  if (vsRest.status !== "ok") return vsRest.reason === "too_few" ? "too few responses to compare" : "nothing to compare";
  if (!vsRest.significant) return "no significant difference";
  const size = vsRest.difference;
  const sign = size > 0 ? "+" : "−";
  const value = metric === "nps" ? Math.abs(Math.round(size)).toString() : Math.abs(size).toFixed(1);
  return `${sign}${value}${metric === "csat" ? " pts" : ""}, ${vsRest.direction === "worse" ? "worse" : "better"} (significant)`;
}

export function sortLeague(rows: LeagueRow[], sort: LeagueSort): LeagueRow[] {
  const valueOf = (row: LeagueRow) => {
    if (sort === "rank") return row.score.status === "ok" ? row.score.value : -Infinity;
    const metric = row.metrics[sort]?.score;
    return metric?.status === "ok" ? metric.value : -Infinity;
  };
  // "No location" stays last whatever the order: it is the remainder, not a competitor.
  const located = rows.filter((r) => r.kind !== "none");
  const sorted = sort === "name" ? located.sort((a, b) => a.name.localeCompare(b.name)) : located.sort((a, b) => valueOf(b) - valueOf(a));
  return [...sorted, ...rows.filter((r) => r.kind === "none")];
}

export function LeagueTable({
  rows,
  caption,
  sort,
  sortHref,
  rowHref,
  minimumSample,
}: {
  rows: LeagueRow[];
  caption: string;
  sort: LeagueSort;
  sortHref: (sort: LeagueSort) => string;
  rowHref: (code: string) => string;
  minimumSample: number;
}) {
  const header = (key: LeagueSort, label: string, numeric = true) => (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={sort === key ? (key === "name" ? "ascending" : "descending") : undefined}>
      <Link href={sortHref(key)}>{label}</Link>
    </th>
  );
  return (
    <div className="table-scroll">
      <table className="data league">
        <caption className="muted" style={{ textAlign: "left", padding: "0 0 6px" }}>
          {caption} Below {minimumSample} responses a location is shown but not ranked. Click a heading to sort.
        </caption>
        <thead>
          <tr>
            {header("rank", "Rank")}
            {header("name", "Location", false)}
            <th scope="col" className="num">
              Experience score
            </th>
            <th scope="col">Against the rest of the program</th>
            {header("nps", metricLabel.nps!)}
            {header("csat", metricLabel.csat!)}
            {header("ces", metricLabel.ces!)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code || "none"} className={row.kind === "none" ? "muted" : undefined}>
              <td className="num">{row.rank ?? "—"}</td>
              <th scope="row">
                {row.kind === "none" ? row.name : <Link href={rowHref(row.code)}>{row.name}</Link>}
                {row.active ? null : <span className="tag inactive"> inactive</span>}
                {row.kind === "none" ? null : (
                  <>
                    <br />
                    <small className="muted">
                      {[row.regionName, row.managerName ? `manager ${row.managerName}` : "no manager named"].filter(Boolean).join(" · ")}
                    </small>
                  </>
                )}
              </th>
              <td className="num nowrap">
                {row.score.status === "ok" ? (
                  <>
                    <strong>{formatValue("program", row.score.value)}</strong> {formatMargin("program", row.score.margin)}
                    <br />
                    <small>{formatCount(row.score.n)}</small>
                  </>
                ) : (
                  <small>{row.score.n === 0 ? "no responses" : `too few to rank (${formatCount(row.score.n)})`}</small>
                )}
              </td>
              <td className={row.vsRest.status === "ok" && row.vsRest.significant ? (row.vsRest.direction === "worse" ? "bad-text" : "good-text") : undefined}>
                {row.kind === "none" ? "—" : describeVsRest("program", row.vsRest)}
              </td>
              {(["nps", "csat", "ces"] as const).map((code) => {
                const metric = row.metrics[code];
                return (
                  <td key={code} className="num nowrap">
                    {metric?.score.status === "ok" ? (
                      <>
                        {formatValue(code, metric.score.value)}
                        <br />
                        <small>{formatCount(metric.score.n)}</small>
                      </>
                    ) : (
                      <small>{metric ? describeMissing(metric.score) : "not asked"}</small>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
