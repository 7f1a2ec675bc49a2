// The honest answer to "did it work?": the score before and after the start, the difference with its
// margin, whether that is significant — or why it cannot be said yet.
import { describeDifference, describeScore, formatCount, formatDate, metricLabel } from "@/components/format";
import type { Impact } from "@/server/initiatives/impact";

const windowText = (w: { from: string; to: string }) => (w.from === w.to ? formatDate(w.from) : `${formatDate(w.from)} – ${formatDate(w.to)}`);

export function ImpactCard({ impact, metricCode }: { impact: Impact; metricCode: string | null }) {
  const label = metricCode ? (metricLabel[metricCode] ?? metricCode) : "the score";
  if (impact.status === "not_started") {
    return (
      <section className="card impact" aria-labelledby="impact-heading">
        <h2 id="impact-heading">Impact</h2>
        <p className="muted">
          Measured once the initiative is under way with a metric and a start date: {label} before the start against the same number of days after it.
        </p>
      </section>
    );
  }
  return (
    <section className="card impact" aria-labelledby="impact-heading">
      <h2 id="impact-heading">Impact on {label}</h2>
      <div className="impact-grid">
        <div>
          <h3>Before</h3>
          <p className="muted">
            {windowText(impact.windows.before)}: as many days before the start as have passed since it, so both sides compare like with like (not the 90-day
            baseline above)
          </p>
          <p className="stat">{describeScore(metricCode ?? "program", impact.before)}</p>
        </div>
        <div>
          <h3>After</h3>
          <p className="muted">{windowText(impact.windows.after)}</p>
          <p className="stat">{describeScore(metricCode ?? "program", impact.after)}</p>
        </div>
        <div>
          <h3>Difference</h3>
          {impact.status === "measured" ? (
            <>
              <p className={`stat ${impact.change.significant ? (impact.change.direction === "better" ? "good-text" : "bad-text") : ""}`}>
                {describeDifference(metricCode ?? "program", impact.change)}
              </p>
              <p className="muted">
                {impact.change.significant ? "A real change at 95% confidence." : "Within the margin of error: not a real change yet at 95% confidence."}
              </p>
            </>
          ) : impact.status === "too_early" ? (
            <p className="notice">
              Too early to tell: {formatCount(impact.after.n)} answers since the start, and {impact.minimum} are needed.
            </p>
          ) : (
            <p className="notice">Not comparable: too few answers before the start to compare with.</p>
          )}
        </div>
      </div>
    </section>
  );
}
