// The key drivers of one scope as a page shows them: the model's n and R², the quadrant with its table behind
// it, the ranked table (weight, coefficient ± margin, performance, n), drivers not significant apart. Server component.
import { quadrantLabels, quadrantMeanings } from "@/lib/key-drivers";
import type { RouterOutputs } from "@/lib/router-types";
import { EmptyState } from "../empty-state";
import { formatCoefficient, formatCount, formatDriverWeight, formatNumber, formatPerformance } from "../format";
import { DataTable, num } from "../failure-demand/tables";
import { MethodLink } from "../method-link";
import { QuadrantChart } from "./lazy-quadrant-chart";

type View = RouterOutputs["keyDrivers"]["view"];
type Analysis = View["analysis"];
type Ok = Extract<Analysis, { status: "ok" }>;

const nameOf = (view: View, code: string) => view.metricNames[code] ?? code;

function skippedText(view: View, skipped: Analysis["skipped"][number]): string {
  switch (skipped.why) {
    case "constant":
      return "every response gave the same answer, so it cannot explain any difference";
    case "limit":
      return `only the ${skipped.limit} most often asked metrics are considered`;
    case "apart":
      return `asked together with ${nameOf(view, skipped.partner)} in only ${formatNumber(skipped.partnerN)} responses`;
  }
}

/** The quadrant in words, for screen readers and anyone who reads before looking. */
function chartSummary(view: View, analysis: Ok): string {
  const ranked = analysis.drivers.filter((d) => d.significant);
  const apart = analysis.drivers.filter((d) => !d.significant);
  const parts = ranked.map(
    (d) => `${nameOf(view, d.code)} ${formatDriverWeight(d.weight)}${d.quadrant ? ` (${quadrantLabels[d.quadrant].toLowerCase()})` : ""}`,
  );
  return (
    `Drivers of ${view.outcome.name}, most important first: ${parts.join(", ") || "none significant"}.` +
    (apart.length ? ` Not significant: ${apart.map((d) => nameOf(view, d.code)).join(", ")}.` : "") +
    ` The model explains ${(analysis.rSquared * 100).toFixed(0)}% of the differences in ${view.outcome.name} (${formatCount(analysis.n)}).`
  );
}

function Missing({ view }: { view: View }) {
  const { analysis } = view;
  if (analysis.status === "no_drivers")
    return (
      <EmptyState title={`No drivers of ${view.outcome.name} here`}>
        <p>
          Drivers are the other metrics answered in the same responses as {view.outcome.name}.{" "}
          {analysis.n === 0 ? `No response in this period answered ${view.outcome.name} together with another metric.` : "None was asked with it often enough."}{" "}
          Choose another outcome, scope or period, or add attribute questions (speed, value…) to the survey.
        </p>
      </EmptyState>
    );
  if (analysis.status === "insufficient")
    return (
      <EmptyState title={`Insufficient data (${formatCount(analysis.n)})`}>
        <p>
          Ranking {analysis.drivers.length} driver{analysis.drivers.length === 1 ? "" : "s"} needs at least {formatNumber(analysis.minimum)} responses that
          answered them together with {view.outcome.name} (the larger of 50 and 10 per driver). Widen the period or the scope.
        </p>
      </EmptyState>
    );
  if (analysis.status === "singular")
    return (
      <EmptyState title="The drivers cannot be told apart">
        <p>{analysis.reason}.</p>
      </EmptyState>
    );
  return null;
}

export function DriversPanel({ view, compact = false }: { view: View; compact?: boolean }) {
  const { analysis } = view;
  if (analysis.status !== "ok")
    return (
      <>
        <Missing view={view} />
        <Skipped view={view} />
      </>
    );
  const summary = chartSummary(view, analysis);
  const points = analysis.drivers
    .filter((d) => d.performance)
    .map((d) => ({ name: nameOf(view, d.code), weight: d.weight, performance: d.performance!.value, significant: d.significant }));
  return (
    <>
      <p className="muted" data-testid="drivers-model">
        {formatCount(analysis.n)} (the fewest responses that answered any two of these together) · the drivers explain R² = {analysis.rSquared.toFixed(2)} of
        the differences in {view.outcome.name}. Correlation, not proof of cause.
      </p>
      {compact ? null : (
        <>
          <QuadrantChart points={points} thresholds={analysis.thresholds} label={summary} />
          <p className="muted">{summary}</p>
        </>
      )}
      <DataTable
        label={`Drivers of ${view.outcome.name}`}
        columns={["Rank", "Driver", num("Importance"), num("Coefficient ± 95%"), num("Performance (0–100)"), num("n"), "Quadrant"]}
      >
        {analysis.drivers.map((d) => (
          <tr key={d.code} className={d.significant ? undefined : "muted"} data-testid={`driver-${d.code}`}>
            <td>{d.rank ?? "—"}</td>
            <th scope="row">{nameOf(view, d.code)}</th>
            <td className="num">{d.significant ? formatDriverWeight(d.weight) : <span title={formatDriverWeight(d.weight)}>not significant</span>}</td>
            <td className="num">{formatCoefficient(d.coefficient, d.margin)}</td>
            <td className="num">{formatPerformance(d.performance)}</td>
            <td className="num">{formatNumber(d.n)}</td>
            <td>
              {d.quadrant ? (
                <span className={`quadrant quadrant-${d.quadrant}`} title={quadrantMeanings[d.quadrant]}>
                  {quadrantLabels[d.quadrant]}
                </span>
              ) : d.significant ? (
                "performance: insufficient data"
              ) : (
                "not ranked: its effect is not distinguishable from zero"
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <Skipped view={view} />
      {compact ? <MethodLink section="key-drivers-method">How importance and significance are computed</MethodLink> : null}
    </>
  );
}

function Skipped({ view }: { view: View }) {
  if (view.analysis.skipped.length === 0) return null;
  return (
    <details className="table-view">
      <summary>Left out of the model ({view.analysis.skipped.length})</summary>
      <ul>
        {view.analysis.skipped.map((s) => (
          <li key={s.code}>
            <strong>{nameOf(view, s.code)}</strong> ({formatCount(s.n)} with {view.outcome.name}): {skippedText(view, s)}
          </li>
        ))}
      </ul>
    </details>
  );
}
