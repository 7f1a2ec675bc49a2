// The contacts this touchpoint causes downstream: in the period with cost, change and per 1,000 responses, by
// reason, and month by month beside its experience score (a chart with its table and a description in words).
import Link from "next/link";
import { DownloadCsv } from "@/components/dashboard/download-csv";
import { hrefWith } from "@/components/dashboard/filter-bar";
import { CausedTrendChart } from "@/components/dashboard/lazy-caused-trend-chart";
import { EmptyState } from "@/components/empty-state";
import { ContactCells, DataTable, num } from "@/components/failure-demand/tables";
import {
  describeContactChange,
  describeScore,
  describeUnclassified,
  formatContactRate,
  formatContacts,
  formatCount,
  formatMonth,
  formatPeriod,
  formatValue,
} from "@/components/format";
import { formatCost } from "@/lib/money";
import type { DashboardFilters } from "@/server/scores/filters";
import { periodLength } from "@/server/scores/periods";
import type { TouchpointView } from "@/server/scores/touchpoint";

type Month = { month: string; contacts: number; cost: number; score: TouchpointView["experienceTrend"][number]["score"] };

/** The chart in words: where the contacts and the score started and ended over the months, and the busiest month. */
function describeTrend(months: Month[]): string {
  const first = months[0]!;
  const last = months.at(-1)!;
  const busiest = months.reduce((top, m) => (m.contacts > top.contacts ? m : top), first);
  const scored = months.filter((m) => m.score.status === "ok");
  const scoreText =
    scored.length >= 2
      ? `the experience score went from ${formatValue("program", (scored[0]!.score as { value: number }).value)} in ${formatMonth(scored[0]!.month)} to ${formatValue("program", (scored.at(-1)!.score as { value: number }).value)} in ${formatMonth(scored.at(-1)!.month)}`
      : "too few months had enough responses to draw the experience score";
  return `Contacts caused each month, ${formatMonth(first.month)} to ${formatMonth(last.month)}: ${formatContacts(first.contacts)} in the first month and ${formatContacts(last.contacts)} in the last, the most (${formatContacts(busiest.contacts)}) in ${formatMonth(busiest.month)}; over the same months ${scoreText}.`;
}

function ByReason({ caused, currency }: { caused: TouchpointView["caused"]; currency: string }) {
  if (caused.reasons.length === 0 && caused.namedByTool.contacts === 0) {
    return (
      <p className="muted">No reason is mapped to it yet{caused.rules.length > 0 ? ", though a rule will map the reasons it matches as they arrive" : ""}.</p>
    );
  }
  return (
    <DataTable
      label="Contacts caused by reason"
      caption="The reasons mapped to this touchpoint, this period. A contact with several reasons counts under each."
      scroll={false}
      columns={["Reason", num("Contacts"), num("Cost")]}
    >
      {caused.reasons.map((reason) => (
        <tr key={reason.reasonId}>
          <td>
            {reason.name}
            {reason.via === "rule" ? <span className="muted"> (by a rule)</span> : null}
          </td>
          <ContactCells contacts={reason.contacts} cost={reason.cost} currency={currency} />
        </tr>
      ))}
      {caused.namedByTool.contacts > 0 ? (
        <tr>
          <td>
            Named by the support tool <span className="muted">(no reason mapped to a touchpoint)</span>
          </td>
          <ContactCells contacts={caused.namedByTool.contacts} cost={caused.namedByTool.cost} currency={currency} />
        </tr>
      ) : null}
    </DataTable>
  );
}

export function CausedSection({ data, filters }: { data: TouchpointView; filters: DashboardFilters }) {
  const { caused, currency } = data;
  const tp = data.touchpoint;
  const months: Month[] = caused.trend.map((t, i) => ({ ...t, score: data.experienceTrend[i]!.score }));
  const scaled = periodLength(data.period) !== periodLength(data.compareTo);
  return (
    <section className="card" id="caused" aria-labelledby="caused-heading" style={{ marginBottom: 16 }}>
      <div className="section-head">
        <h2 id="caused-heading" style={{ margin: 0 }}>
          Contacts this touchpoint causes downstream
        </h2>
        {caused.mapped ? (
          <DownloadCsv
            fileName={`${tp.code} contacts caused by month.csv`}
            rows={months.map((m) => ({
              month: m.month.slice(0, 7),
              contacts_caused: Number(m.contacts.toFixed(1)),
              cost: Number(m.cost.toFixed(2)),
              currency,
              experience_n: m.score.n,
              experience_score: m.score.status === "ok" ? Number(m.score.value.toFixed(1)) : "insufficient",
            }))}
          />
        ) : null}
      </div>
      {!caused.mapped ? (
        <EmptyState title="No contact reasons are mapped to this touchpoint yet">
          <p>
            Calls, chats and tickets count here once an admin maps the reasons support gives them (a tag, a wrap-up code, a case reason) to this touchpoint as
            the failure that caused them. <Link href="/admin/contact-reasons">Map contact reasons</Link> (admins).
          </p>
        </EmptyState>
      ) : (
        <>
          <p>
            <strong>
              {formatContacts(caused.contacts)}, {formatCost(caused.cost, currency)}
            </strong>{" "}
            in {formatPeriod(data.period)} · {describeContactChange(caused.change)} against {formatContacts(caused.previous.contacts)} in{" "}
            {formatPeriod(data.compareTo)}
            {scaled ? " (scaled to this period's length)" : ""} ·{" "}
            {caused.perThousandResponses
              ? `${formatContactRate(caused.perThousandResponses, "per 1,000 responses")} (${formatCount(caused.responses)})`
              : "no survey responses this period to set them against"}
          </p>
          {describeUnclassified(caused.unclassifiedShare) ? <p className="left-out">{describeUnclassified(caused.unclassifiedShare)}</p> : null}
          <div className="two-col">
            <div>
              <h3>Month by month, beside the experience score</h3>
              <CausedTrendChart
                points={months.map((m) => ({
                  month: m.month,
                  contacts: m.contacts,
                  score: m.score.status === "ok" ? m.score.value : null,
                  low: m.score.status === "ok" ? m.score.value - m.score.margin : null,
                  high: m.score.status === "ok" ? m.score.value + m.score.margin : null,
                }))}
                label={`Contacts ${tp.name} caused each month (bars) beside its experience score with 95% band (line), last 12 months`}
                describedBy="caused-trend-description"
                height={240}
              />
              <p id="caused-trend-description" className="muted">
                {describeTrend(months)}
              </p>
              <details className="table-view">
                <summary>Contacts and score by month as a table</summary>
                <DataTable scroll={false} columns={["Month", num("Contacts caused"), num("Cost"), "Experience score"]}>
                  {months.map((m) => (
                    <tr key={m.month}>
                      <td>{formatMonth(m.month)}</td>
                      <ContactCells contacts={m.contacts} cost={m.cost} currency={currency} />
                      <td>{describeScore("program", m.score)}</td>
                    </tr>
                  ))}
                </DataTable>
              </details>
            </div>
            <div>
              <h3>By reason</h3>
              <ByReason caused={caused} currency={currency} />
              {caused.rules.length > 0 ? (
                <p className="muted">
                  Rules that map reasons here as they arrive:{" "}
                  {caused.rules.map((rule) => (rule.match === "prefix" ? `starting with “${rule.pattern}”` : `“${rule.pattern}”`)).join(", ")}.
                </p>
              ) : null}
              <p>
                <Link href={hrefWith("/failure-demand", filters, { departmentId: tp.departmentId })}>
                  {tp.departmentName}&apos;s failure demand, down to the contacts
                </Link>
              </p>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
