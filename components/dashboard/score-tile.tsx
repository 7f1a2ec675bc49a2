// A headline tile: the score with its margin and sample size, and its change only if significant.
import type { Change, Rollup, Score } from "@/server/metrics/formulas";
import { MethodLink } from "../method-link";
import { describeChange, describeMissing, formatCount, formatMargin, formatValue, metricLabel } from "../format";

export function ScoreTile({
  metric,
  score,
  change,
  href,
  emptyView = false,
}: {
  metric: string;
  score: Score | Rollup;
  change: Change;
  href?: string;
  /** The filters leave no touchpoint in view: say that, not "insufficient data (n = 0)". */
  emptyView?: boolean;
}) {
  const tone = change.status === "ok" && change.significant ? (change.direction === "better" ? "good" : "bad") : "neutral";
  const body = (
    <>
      <h3>{metricLabel[metric] ?? metric}</h3>
      {score.status === "ok" ? (
        <>
          <div className="stat">{formatValue(metric, score.value)}</div>
          <div className="muted">
            {formatMargin(metric, score.margin)} · {formatCount(score.n)}
          </div>
        </>
      ) : (
        <>
          <div className="stat muted">—</div>
          <div className="muted">{emptyView ? "no touchpoints in this view" : describeMissing(score)}</div>
        </>
      )}
      {"insufficientWeightShare" in score && score.insufficientWeightShare > 0 ? (
        <div className="left-out">{(100 * score.insufficientWeightShare).toFixed(0)}% of the weight left out: too few responses</div>
      ) : null}
      {emptyView ? null : <div className={`change ${tone}`}>{describeChange(metric, change)}</div>}
    </>
  );
  const method = <MethodLink section={metric === "program" ? "roll-up" : "scores"}>How {metricLabel[metric] ?? metric} is computed</MethodLink>;
  return (
    <section className="card tile">
      {href ? (
        <a href={href} className="tile-link">
          {body}
        </a>
      ) : (
        body
      )}
      {method}
    </section>
  );
}
