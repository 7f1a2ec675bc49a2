// The honest answer to "did it work?": the score (or the contacts the touchpoint causes, per month) before and
// after the start, the difference with its margin, whether that is significant — or why it cannot be said yet.
import {
  describeContactChange,
  describeDifference,
  describeScore,
  formatContactRate,
  formatContacts,
  formatCount,
  formatDate,
  metricLabel,
} from "@/components/format";
import type { ContactImpact, ContactWindow, Impact } from "@/server/initiatives/impact";
import { MethodLink } from "../method-link";

const windowText = (w: { from: string; to: string }) => (w.from === w.to ? formatDate(w.from) : `${formatDate(w.from)} – ${formatDate(w.to)}`);

const sameLengthNote = "as many days before the start as have passed since it, so both sides compare like with like (not the 90-day baseline above)";

function ContactSide({ side }: { side: ContactWindow }) {
  return (
    <>
      <p className="stat">{formatContactRate(side.perMonth, "a month")}</p>
      <p className="muted">
        {formatContacts(side.contacts)} in {side.months.toFixed(1)} months ·{" "}
        {side.perThousandResponses
          ? `${formatContactRate(side.perThousandResponses, "per 1,000 responses")} (${formatCount(side.responses)})`
          : "no survey responses to set them against"}
      </p>
    </>
  );
}

/** An initiative aimed at the contacts its touchpoint causes: contacts per month before and after the start. */
function ContactImpactCard({ impact }: { impact: ContactImpact }) {
  if (impact.status === "not_started") {
    return (
      <section className="card impact" aria-labelledby="impact-heading">
        <h2 id="impact-heading">Impact</h2>
        <p className="muted">
          Measured once the initiative is under way with a start date: the contacts its touchpoint caused per month before the start against the same number of
          days after it.
        </p>
      </section>
    );
  }
  return (
    <section className="card impact" aria-labelledby="impact-heading">
      <h2 id="impact-heading">Impact on contacts caused</h2>
      <div className="impact-grid">
        <div>
          <h3>Before</h3>
          <p className="muted">
            {windowText(impact.windows.before)}: {sameLengthNote}
          </p>
          <ContactSide side={impact.before} />
        </div>
        <div>
          <h3>After</h3>
          <p className="muted">{windowText(impact.windows.after)}</p>
          <ContactSide side={impact.after} />
        </div>
        <div>
          <h3>Difference</h3>
          {impact.status === "measured" ? (
            <>
              <p className={`stat ${impact.change.significant ? (impact.change.direction === "better" ? "good-text" : "bad-text") : ""}`}>
                {describeContactChange(impact.change, "a month")}
              </p>
              <p className="muted">
                {impact.change.significant
                  ? "A real change at 95% confidence (two Poisson rates compared)."
                  : "Within the margin of error: not a real change yet at 95% confidence."}
              </p>
            </>
          ) : (
            <p className="notice">
              Too early to tell: {formatContacts(impact.before.contacts + impact.after.contacts)} in both windows together, and {impact.minimum} are needed.
            </p>
          )}
        </div>
      </div>
      <MethodLink section="failure-demand">How the contacts and their change are computed</MethodLink>
    </section>
  );
}

export function ImpactCard({ impact, metricCode }: { impact: Impact | ContactImpact; metricCode: string | null }) {
  if ("aim" in impact) return <ContactImpactCard impact={impact} />;
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
            {windowText(impact.windows.before)}: {sameLengthNote}
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
