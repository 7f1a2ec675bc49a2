// A theme's share of comments month by month — or, with no theme chosen, the largest themes side by side — as a
// chart with its summary in words and the table behind it (with each month's n), for the last 12 months.
import type { RouterOutputs } from "@/lib/router-types";
import { describeProportion, formatCount, formatMonth, formatNumber, formatShare } from "../format";
import { DownloadCsv } from "../dashboard/download-csv";
import { DataTable, num } from "../failure-demand/tables";
import { ShareTrendChart } from "./lazy-share-trend-chart";

type Trend = RouterOutputs["themes"]["trend"];
type ThemeTrend = Trend["themes"][number];
type Point = ThemeTrend["points"][number];
type Proportion = Point["share"];

/** How many themes the chart shows side by side when none is chosen: five patterns stay apart. */
export const TRENDS_SHOWN = 5;

const toSeries = (theme: ThemeTrend) => ({
  name: theme.name,
  points: theme.points.map((p) =>
    p.share.status === "ok"
      ? { month: p.month, share: p.share.value, low: p.share.low, high: p.share.high }
      : { month: p.month, share: null, low: null, high: null },
  ),
});

const shareOf = (share: Proportion) => (share.status === "ok" ? formatShare(share.value) : "no share");

/** One theme's months in words, for screen readers and for anyone who reads before looking. */
function themeSummary(theme: ThemeTrend, minimum: number): string {
  const scored = theme.points.filter((p): p is Point & { share: Extract<Proportion, { status: "ok" }> } => p.share.status === "ok");
  const span = `${formatMonth(theme.points[0]!.month)} to ${formatMonth(theme.points.at(-1)!.month)}`;
  if (scored.length === 0) return `${theme.name}: share of comments by month, ${span}: no month has ${minimum} comments or more, so no share is given.`;
  const low = scored.reduce((a, b) => (b.share.value < a.share.value ? b : a));
  const high = scored.reduce((a, b) => (b.share.value > a.share.value ? b : a));
  const last = scored.at(-1)!;
  return (
    `${theme.name}: share of comments by month, ${span}: lowest ${formatShare(low.share.value)} in ${formatMonth(low.month)}, highest ` +
    `${formatShare(high.share.value)} in ${formatMonth(high.month)}; ${formatMonth(last.month)} ${describeProportion(last.share)} of ${formatCount(last.totalComments)} comments. ` +
    `Months below ${minimum} comments have no share.`
  );
}

function themesSummary(themes: ThemeTrend[], minimum: number): string {
  const parts = themes.map((t) => {
    const scored = t.points.filter((p) => p.share.status === "ok");
    if (scored.length === 0) return `${t.name}: no month with enough comments`;
    const [first, last] = [scored[0]!, scored.at(-1)!];
    return `${t.name} ${shareOf(first.share)} in ${formatMonth(first.month)}, ${shareOf(last.share)} in ${formatMonth(last.month)}`;
  });
  return `Share of comments by month for the ${themes.length} largest themes: ${parts.join("; ")}. Months below ${minimum} comments have no share.`;
}

export function ThemeTrend({ theme, minimum, fileName }: { theme: ThemeTrend; minimum: number; fileName: string }) {
  const summary = themeSummary(theme, minimum);
  return (
    <>
      <ShareTrendChart series={[toSeries(theme)]} label={summary} />
      <p className="muted">{summary}</p>
      <details className="table-view">
        <summary>Trend as a table</summary>
        <DownloadCsv
          fileName={fileName}
          rows={theme.points.map((p) => ({
            month: p.month.slice(0, 7),
            comments: p.comments,
            total_comments: p.totalComments,
            share: p.share.status === "ok" ? Number(p.share.value.toFixed(2)) : "insufficient",
            share_low: p.share.status === "ok" ? Number(p.share.low.toFixed(2)) : "",
            share_high: p.share.status === "ok" ? Number(p.share.high.toFixed(2)) : "",
          }))}
        />
        <DataTable
          label={`${theme.name} by month`}
          scroll={false}
          columns={["Month", num(`Comments about ${theme.name}`), num("All comments"), num("Share (95% CI)")]}
        >
          {theme.points.map((p) => (
            <tr key={p.month}>
              <th scope="row">{formatMonth(p.month)}</th>
              <td className="num">{formatNumber(p.comments)}</td>
              <td className="num">{formatNumber(p.totalComments)}</td>
              <td className="num">{describeProportion(p.share)}</td>
            </tr>
          ))}
        </DataTable>
      </details>
    </>
  );
}

export function TopThemesTrend({ trend, themeIds, minimum, fileName }: { trend: Trend; themeIds: number[]; minimum: number; fileName: string }) {
  const themes = themeIds.flatMap((id) => trend.themes.filter((t) => t.themeId === id)).slice(0, TRENDS_SHOWN);
  if (themes.length === 0) return <p className="empty">No theme has comments in the last 12 months.</p>;
  const summary = themesSummary(themes, minimum);
  return (
    <>
      <ShareTrendChart series={themes.map(toSeries)} label={summary} />
      <p className="muted">{summary}</p>
      <details className="table-view">
        <summary>Trend as a table</summary>
        <DownloadCsv
          fileName={fileName}
          rows={trend.months.map((month, i) => ({
            month: month.slice(0, 7),
            total_comments: trend.totals[i]?.comments ?? 0,
            ...Object.fromEntries(
              themes.flatMap((t) => {
                const share = t.points[i]!.share;
                return [
                  [`${t.name} comments`, t.points[i]!.comments],
                  [`${t.name} share`, share.status === "ok" ? Number(share.value.toFixed(2)) : "insufficient"],
                ];
              }),
            ),
          }))}
        />
        <DataTable label="Largest themes by month" columns={["Month", num("All comments"), ...themes.map((t) => num(`${t.name} (share, 95% CI)`))]}>
          {trend.months.map((month, i) => (
            <tr key={month}>
              <th scope="row">{formatMonth(month)}</th>
              <td className="num">{formatNumber(trend.totals[i]?.comments ?? 0)}</td>
              {themes.map((t) => (
                <td key={t.themeId} className="num">
                  {describeProportion(t.points[i]!.share)}
                  {t.points[i]!.totalComments > 0 ? <div className="muted">{formatNumber(t.points[i]!.comments)} comments</div> : null}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      </details>
    </>
  );
}
