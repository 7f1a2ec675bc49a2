// The Experience Perception Gap: what the company expects customers to score each touchpoint (owners'
// quarterly self-assessment) beside what customers scored, by touchpoint, stage, journey and department.
import type { Metadata } from "next";
import Link from "next/link";
import { GapChart } from "@/components/dashboard/lazy-gap-chart";
import { EmptyState } from "@/components/empty-state";
import { countOf, formatCount, formatPeriod } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { serverApi } from "@/server/api/caller";
import { isQuarter } from "@/server/perception/gap";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Perception gap" };

const CHART_ROWS = 15;
const one = (value: number | null) => (value == null ? "—" : value.toFixed(1));
const signed = (value: number | null) => (value == null ? "—" : `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toFixed(1)}`);

function shiftQuarter(quarter: string, by: number): string {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const index = year * 4 + (q - 1) + by;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

function GapTable({
  caption,
  rows,
}: {
  caption: string;
  rows: Array<{ id: number; name: string; expected: number | null; customer: number | null; gap: number | null; assessed: number }>;
}) {
  return (
    <table className="data">
      <caption className="muted" style={{ textAlign: "left", padding: "0 0 6px" }}>
        {caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="num">
            The company expects
          </th>
          <th scope="col" className="num">
            Customers scored
          </th>
          <th scope="col" className="num">
            Gap
          </th>
          <th scope="col" className="num">
            Assessed touchpoints
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.name}</th>
            <td className="num">{one(r.expected)}</td>
            <td className="num">{one(r.customer)}</td>
            <td className={`num ${r.gap != null && r.gap > 0 ? "bad-text" : ""}`}>{signed(r.gap)}</td>
            <td className="num">{r.assessed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function PerceptionGapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const requested = (await searchParams).quarter;
  const quarter = typeof requested === "string" && isQuarter(requested) ? requested : undefined;
  const view = await (await serverApi()).perception.view({ quarter });
  const bars = view.touchpoints
    .filter((t) => t.gap != null)
    .slice(0, CHART_ROWS)
    .map((t) => ({ name: `${t.name} (${t.code})`, expected: t.expected!, customer: t.customer! }));
  return (
    <>
      <PageHeader
        title="Experience Perception Gap"
        description={`${view.quarter} (${formatPeriod(view.period)}): the experience score (0–100) each touchpoint's owner expects customers to give, beside the one they gave. A positive gap means the company thinks it does better than its customers say.`}
      />
      <nav className="quarter-nav" aria-label="Quarter">
        <Link href={`/perception-gap?quarter=${shiftQuarter(view.quarter, -1)}`}>← {shiftQuarter(view.quarter, -1)}</Link>
        <strong>{view.quarter}</strong>
        <Link href={`/perception-gap?quarter=${shiftQuarter(view.quarter, 1)}`}>{shiftQuarter(view.quarter, 1)} →</Link>
      </nav>
      {view.program ? (
        <div className="tiles">
          <div className="card tile">
            <h3>The company expects</h3>
            <div className="stat">{view.program.expected.toFixed(1)}</div>
          </div>
          <div className="card tile">
            <h3>Customers scored</h3>
            <div className="stat">{view.program.customer.toFixed(1)}</div>
          </div>
          <div className="card tile">
            <h3>Perception gap</h3>
            <div className={`stat ${view.program.gap > 0 ? "bad-text" : "good-text"}`}>{signed(view.program.gap)}</div>
            <div className="change">over {countOf(view.program.touchpoints, "assessed touchpoint")} with enough responses</div>
          </div>
        </div>
      ) : (
        <EmptyState title="No gap to show for this quarter yet">
          <p>It appears once owners have assessed their touchpoints and customers have answered enough surveys.</p>
        </EmptyState>
      )}
      {bars.length ? (
        <section aria-labelledby="chart-heading">
          <h2 id="chart-heading">Largest gaps</h2>
          <div className="card">
            <GapChart bars={bars} label={`The ${countOf(bars.length, "touchpoint")} with the largest perception gaps: expected against scored`} />
          </div>
        </section>
      ) : null}
      <h2>By department</h2>
      <GapTable caption="Largest gaps first; importance-weighted over the touchpoints assessed with enough responses." rows={view.departments} />
      <h2>By journey</h2>
      <GapTable caption="Largest gaps first." rows={view.journeys} />
      <h2>By stage</h2>
      <GapTable caption="Largest gaps first." rows={view.stages} />
      <h2>By touchpoint</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Touchpoint</th>
            <th scope="col">Owner</th>
            <th scope="col">Capability · accessibility · enjoyability (1–5)</th>
            <th scope="col" className="num">
              Expects
            </th>
            <th scope="col" className="num">
              Customers
            </th>
            <th scope="col" className="num">
              Gap
            </th>
          </tr>
        </thead>
        <tbody>
          {view.touchpoints.map((t) => (
            <tr key={t.touchpointId}>
              <th scope="row">
                <Link href={`/touchpoints/${t.touchpointId}`}>{t.name}</Link> <span className="muted">{t.code}</span>
              </th>
              <td>{t.ownerName ?? <span className="muted">Unassigned</span>}</td>
              <td>
                {t.abilities ? (
                  `${t.abilities.capability} · ${t.abilities.accessibility} · ${t.abilities.enjoyability}`
                ) : (
                  <span className="muted">not assessed</span>
                )}
              </td>
              <td className="num">{one(t.expected)}</td>
              <td className="num">
                {t.customer == null ? (
                  <span className="muted">insufficient ({formatCount(t.customerN)})</span>
                ) : (
                  <>
                    {t.customer.toFixed(1)}{" "}
                    <span className="muted nowrap">
                      ± {t.customerMargin?.toFixed(1)} · {formatCount(t.customerN)}
                    </span>
                  </>
                )}
              </td>
              <td className={`num ${t.gap != null && t.gap > 0 && t.gapSignificant ? "bad-text" : ""}`}>
                {signed(t.gap)}
                {t.gapSignificant == null ? null : <span className="muted nowrap"> {t.gapSignificant ? "· significant" : "· within the margin"}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="missing">Assessments missing for {view.quarter}</h2>
      {view.missing.length === 0 ? (
        <p>Every touchpoint has been assessed this quarter.</p>
      ) : (
        <ul className="plain-list missing-list">
          {view.missing.map((m) => (
            <li key={m.touchpointId}>
              <strong>{m.ownerName ?? "No owner"}</strong>: {m.name} <span className="muted">{m.code}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
