// The themes of one scope and period as a table: volume, share of comments and among detractors with their 95%
// intervals, average sentiment with its margin, and the change against the comparison period with its p-value.
import Link from "next/link";
import type { RouterOutputs } from "@/lib/router-types";
import { describeProportion, describeProportionChange, describeSentiment, formatCount, formatNumber, formatPeriod } from "../format";
import { DataTable, num } from "../failure-demand/tables";

export type ThemesView = RouterOutputs["themes"]["view"];
export type ThemeRow = ThemesView["themes"][number];

/** A significant change stands out in bold, its direction said in words ("rising significantly"), never by colour alone. */
const significant = (row: ThemeRow) => row.change.status === "ok" && row.change.significant;

export function ThemesTable({
  view,
  rows = view.themes,
  label,
  hrefFor,
  linkText,
}: {
  view: ThemesView;
  /** The rows to show (all themes unless given), in the view's order. */
  rows?: ThemeRow[];
  label: string;
  /** Where a theme's name leads: its trend and comments. */
  hrefFor: (themeId: number) => string;
  /** The drill link's words after the theme's name, e.g. "trend and comments" (read by screen readers too). */
  linkText?: string;
}) {
  const { totals } = view;
  return (
    <DataTable
      label={label}
      caption={
        <>
          Of {formatCount(totals.comments)} comments ({formatNumber(totals.detractorComments)} from detractors), {formatPeriod(view.period)}; change against{" "}
          {formatPeriod(view.compareTo)} ({formatCount(totals.previousComments)} comments), two-proportion test. A comment can carry several themes.
        </>
      }
      columns={[
        "Theme",
        num("Comments"),
        num("Share of comments"),
        num("Share among detractors"),
        num("Average sentiment (−1 to 1)"),
        "Change in share vs comparison period",
      ]}
    >
      {rows.map((row) => (
        <tr key={row.themeId} data-testid={`theme-row-${row.themeId}`}>
          <th scope="row">
            <Link href={hrefFor(row.themeId)}>
              {row.name}
              {linkText ? <span className="visually-hidden">: {linkText}</span> : null}
            </Link>
          </th>
          <td className="num">{formatNumber(row.comments)}</td>
          <td className="num">{describeProportion(row.share)}</td>
          <td className="num">
            {describeProportion(row.detractorShare, "detractor comments")}
            <div className="muted">
              {formatNumber(row.detractorComments)} of {formatNumber(totals.detractorComments)}
            </div>
          </td>
          <td className="num">{describeSentiment(row.sentiment, row.analysedComments)}</td>
          <td>
            {significant(row) ? <strong>{describeProportionChange(row.change)}</strong> : describeProportionChange(row.change)}
            {row.change.status === "ok" ? (
              <div className="muted">
                was {describeProportion(row.previous.share)}, {formatNumber(row.previous.comments)} comments
              </div>
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The themes whose share rose, or fell, significantly: the largest change first. */
export function significantChanges(view: ThemesView, direction: "rising" | "falling"): ThemeRow[] {
  const size = (row: ThemeRow) => (row.change.status === "ok" ? Math.abs(row.change.difference) : 0);
  return view.themes.filter((row) => row.change.status === "ok" && row.change.direction === direction).sort((a, b) => size(b) - size(a));
}
