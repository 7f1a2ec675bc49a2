// Owners' home: the touchpoints the signed-in owner runs — score against target, 12-month trend, n, the
// contacts each caused downstream, where they sit in the journeys and their initiatives — moments of truth
// first, then the furthest below target.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Sparkline } from "@/components/dashboard/lazy-sparkline";
import { EmptyState } from "@/components/empty-state";
import { describeContactChange, describeUnclassified, formatContacts, formatCount, formatPeriod, formatValue, metricLabel } from "@/components/format";
import { MethodLink } from "@/components/method-link";
import { formatCost } from "@/lib/money";
import { statusLabel } from "@/components/initiatives/status";
import { PageHeader } from "@/components/page-header";
import { serverApi } from "@/server/api/caller";
import { currentUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My touchpoints" };

export default async function MyTouchpointsPage() {
  const user = await currentUser();
  if (user?.role === "executive") redirect("/overview");
  const api = await serverApi();
  const [home, assessments] = await Promise.all([api.owners.home(), api.perception.mine({})]);
  const unassessed = assessments.touchpoints.filter((t) => t.expectedScore == null).length;
  return (
    <>
      <PageHeader
        title="My touchpoints"
        description={
          home.period
            ? `The moments of the customer's journey you own, ${formatPeriod(home.period)}: moments of truth first, then the furthest below target.`
            : "The moments of the customer's journey you own."
        }
      />
      {unassessed ? (
        <p className="notice" role="status">
          Your {assessments.quarter} self-assessment is missing for {unassessed} of your touchpoints.{" "}
          <Link href="/my-touchpoints/assessment">Assess them now</Link>
        </p>
      ) : null}
      {home.touchpoints.length === 0 ? (
        <EmptyState title="You do not own any touchpoints yet">
          <p>An admin assigns owners under Setup › Touchpoints.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data" aria-label="My touchpoints">
            <thead>
              <tr>
                <th scope="col">Touchpoint</th>
                <th scope="col">Score</th>
                <th scope="col">Against target</th>
                <th scope="col">Last 12 months</th>
                <th scope="col">Contacts caused</th>
                <th scope="col">In the journeys</th>
                <th scope="col">Initiatives</th>
              </tr>
            </thead>
            <tbody>
              {home.touchpoints.map((tp) => {
                const metric = tp.metric ?? "program";
                const name = tp.metric ? (metricLabel[tp.metric] ?? tp.metric) : "";
                return (
                  <tr key={tp.id}>
                    <th scope="row">
                      <Link href={`/touchpoints/${tp.id}`}>{tp.name}</Link>
                      {tp.momentOfTruth ? (
                        <span className="mot" title="Moment of truth">
                          {" "}
                          ★
                        </span>
                      ) : null}
                      <div className="muted">{tp.code}</div>
                    </th>
                    <td>
                      {tp.current?.status === "ok" ? (
                        <>
                          <strong>
                            {name} {formatValue(metric, tp.current.value)}
                          </strong>
                          <div className="muted">{formatCount(tp.current.n)}</div>
                        </>
                      ) : (
                        <span className="muted">insufficient data ({formatCount(tp.current?.n ?? 0)})</span>
                      )}
                    </td>
                    <td>
                      {tp.target == null ? (
                        <span className="muted">no target</span>
                      ) : tp.gap == null ? (
                        <span className="muted">target {formatValue(metric, tp.target)}</span>
                      ) : (
                        <span className={tp.gap < 0 ? "bad-text" : "good-text"}>
                          {tp.gap < 0 ? "below" : "meets"} target {formatValue(metric, tp.target)} ({tp.gap > 0 ? "+" : "−"}
                          {Math.abs(tp.gap).toFixed(1)}
                          {metric === "csat" ? " pts" : ""})
                        </span>
                      )}
                    </td>
                    <td>
                      <Sparkline
                        label={`${name} by month, last 12 months`}
                        points={tp.sparkline.map((p) => ({ month: p.month, value: p.score?.status === "ok" ? p.score.value : null }))}
                      />
                    </td>
                    <td>
                      {tp.caused.mapped ? (
                        <>
                          <Link href={`/touchpoints/${tp.id}#caused`}>{formatContacts(tp.caused.contacts)}</Link>, {formatCost(tp.caused.cost, home.currency)}
                          <div className="muted">{describeContactChange(tp.caused.change)}</div>
                        </>
                      ) : (
                        <span className="muted">no contact reasons mapped to it yet</span>
                      )}
                    </td>
                    <td>{tp.placements.length ? tp.placements.join("; ") : <span className="muted">Not placed in a stage</span>}</td>
                    <td>
                      {tp.initiatives.length ? (
                        <ul className="plain-list">
                          {tp.initiatives.map((i) => (
                            <li key={i.id}>
                              <Link href={`/initiatives/${i.id}`}>{i.title}</Link> <span className="muted">({statusLabel[i.status]})</span>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <Link href={`/touchpoints/${tp.id}`}>Start one</Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted">
            Contacts caused: the calls, chats and tickets whose reasons trace back to the touchpoint, in the same 90 days, with their change against the 90 days
            before. <MethodLink section="failure-demand">How contacts caused are counted</MethodLink>
          </p>
          {describeUnclassified(home.touchpoints[0]?.caused.unclassifiedShare ?? null) ? (
            <p className="left-out">{describeUnclassified(home.touchpoints[0]!.caused.unclassifiedShare)}</p>
          ) : null}
        </div>
      )}
    </>
  );
}
