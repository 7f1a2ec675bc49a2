// Themes as drivers, as the key-drivers page shows them: each theme mentioned in the scope's comments, the outcome
// with vs without it (difference ± Welch 95%), its presence's r with the Fisher 95% interval, linked to its comments.
import Link from "next/link";
import type { RouterOutputs } from "@/lib/router-types";
import { EmptyState } from "../empty-state";
import { formatCount, formatNumber } from "../format";
import { DataTable, num } from "../failure-demand/tables";
import { MethodLink } from "../method-link";
import { themeDriverHref } from "./links";

type View = RouterOutputs["keyDrivers"]["view"];
type ThemeDriver = View["themeDrivers"]["themes"][number];
type Ok = Extract<ThemeDriver, { status: "ok" }>;

/** A signed figure with a true minus: "+0.12", "−1.40". */
const signed = (value: number, digits = 2) => `${value < 0 ? "−" : value > 0 ? "+" : "±"}${Math.abs(value).toFixed(digits)}`;

/** r with its 95% interval, "−0.31 (−0.38 to −0.24)". */
export function describeCorrelation(t: Ok): string {
  return `${signed(t.r)} (${signed(t.low)} to ${signed(t.high)})`;
}

/** The difference with vs without, its margin and its direction in words: "−3.10 ± 0.42, lower with it". */
export function describeThemeDifference(t: Ok): string {
  const figure = `${signed(t.difference)} ± ${t.margin.toFixed(2)}`;
  if (Math.abs(t.difference) <= t.margin) return `${figure}, no clear difference`;
  return `${figure}, ${t.difference < 0 ? "lower" : "higher"} with it`;
}

function why(t: ThemeDriver, minimum: number): string {
  if (t.status === "constant") return "everyone gave the same answer";
  return `too few to say: needs ${formatNumber(minimum)} with and ${formatNumber(minimum)} without`;
}

export function ThemeDriversTable({
  view,
  filters,
  limit,
}: {
  view: View;
  filters: Record<string, string | number | undefined>;
  /** On an entity's page: only the first few (the key-drivers page shows them all). */
  limit?: number;
}) {
  const { themeDrivers } = view;
  const outcome = view.outcome.name;
  if (themeDrivers.themes.length === 0)
    return (
      <EmptyState title="No theme to compare">
        <p>
          No comment in this scope and period that answered {outcome} mentions a theme of the codebook ({formatCount(themeDrivers.n)} commented responses).
          Widen the period or add themes on Setup › Themes.
        </p>
      </EmptyState>
    );
  const shown = limit === undefined ? themeDrivers.themes : themeDrivers.themes.slice(0, limit);
  const scope = { level: view.scope.level, id: view.scope.id };
  return (
    <>
      <p className="muted" data-testid="theme-drivers-model">
        Over the {formatCount(themeDrivers.n)} responses with a comment that answered {outcome}: the mean answer of those whose comment mentions the theme
        against the rest, and the correlation of mentioning it with the answer (point-biserial r, 95% interval). Significant themes first, by |r|; a theme needs
        at least {formatNumber(themeDrivers.minimum)} responses with it and {formatNumber(themeDrivers.minimum)} without. Correlation, not proof of cause.
      </p>
      <DataTable
        label={`Themes as drivers of ${outcome}`}
        columns={["Rank", "Theme", num("Mentions"), num(`${outcome} with vs without`), num("Difference ± 95%"), num("r (95% CI)"), "Significance"]}
      >
        {shown.map((t) => (
          <tr key={t.themeId} className={t.status === "ok" && t.significant ? undefined : "muted"} data-testid={`theme-driver-${t.themeId}`}>
            <td>{t.rank ?? "—"}</td>
            <th scope="row">
              <Link href={themeDriverHref(filters, scope, t.themeId)}>{t.name}</Link>
            </th>
            <td className="num">
              {formatNumber(t.mentions)} of {formatCount(t.n)}
            </td>
            {t.status === "ok" ? (
              <>
                <td className="num">
                  {t.withMean.toFixed(2)} vs {t.withoutMean.toFixed(2)}
                </td>
                <td className="num">{describeThemeDifference(t)}</td>
                <td className="num">{describeCorrelation(t)}</td>
                <td>{t.significant ? "significant (p < 0.05)" : "not significant: r is not distinguishable from zero"}</td>
              </>
            ) : (
              <td colSpan={4}>{why(t, themeDrivers.minimum)}</td>
            )}
          </tr>
        ))}
      </DataTable>
      {limit !== undefined && themeDrivers.themes.length > limit ? (
        <p className="muted">
          {formatNumber(themeDrivers.themes.length - limit)} more on Experience › Key drivers.{" "}
          <MethodLink section="key-drivers-method">How themes as drivers are computed</MethodLink>
        </p>
      ) : (
        <MethodLink section="key-drivers-method">How themes as drivers are computed</MethodLink>
      )}
    </>
  );
}
