// A headline tile: the score with its margin and sample size, and its change only if significant.
import type { Change, Rollup, Score } from "@/server/metrics/formulas";
import { describeChange, formatCount, formatMargin, formatValue, metricLabel } from "../format";

export function ScoreTile({ metric, score, change, href }: { metric: string; score: Score | Rollup; change: Change; href?: string }) {
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
          <div className="muted">insufficient data ({formatCount(score.n)})</div>
        </>
      )}
      {"insufficientWeightShare" in score && score.insufficientWeightShare > 0 ? (
        <div className="left-out">{(100 * score.insufficientWeightShare).toFixed(0)}% of the weight left out: too few responses</div>
      ) : null}
      <div className={`change ${tone}`}>{describeChange(metric, change)}</div>
    </>
  );
  return (
    <section className="card tile">
      {href ? (
        <a href={href} className="tile-link">
          {body}
        </a>
      ) : (
        body
      )}
    </section>
  );
}
