// Experience › Failure demand: where the experience breaks — the share of contacts caused upstream with its margin
// and change, who caused them (departments, stages, touchpoints per 1,000), the reasons and channels. Roll-ups only.
import type { Metadata } from "next";
import {
  describeContactChange,
  formatContactRate,
  formatContacts,
  formatCount,
  formatMargin,
  formatMonth,
  formatNumber,
  formatPeriod,
  formatValue,
} from "@/components/format";
import { DownloadCsv } from "@/components/dashboard/download-csv";
import { FilterBar } from "@/components/dashboard/filter-bar";
import { CauseSection } from "@/components/failure-demand/cause-section";
import { DemandTrendChart } from "@/components/failure-demand/lazy-charts";
import { ContactCells, DataTable, num, shareText } from "@/components/failure-demand/tables";
import { EmptyState } from "@/components/empty-state";
import { MethodLink } from "@/components/method-link";
import { PageHeader } from "@/components/page-header";
import { formatCost } from "@/lib/money";
import { contactChannelLabel } from "@/components/format";
import { serverApi } from "@/server/api/caller";
import { currentUser } from "@/server/auth/session";
import type { FailureDemandView } from "@/server/contacts/views";
import type { Change, Score } from "@/server/metrics/formulas";
import { readDashboardFilters, type DashboardFilters } from "@/server/scores/filters";
import { changeTone, describeShareChange, linkWith } from "./links";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Failure demand" };

const BAR_ROWS = 12;
const one = (value: number) => value.toFixed(1);

/** A change in share as its table cell shows it: in words, coloured only when significant. */
const changeCell = (change: Change) => ({ text: describeShareChange(change), tone: changeTone(change) });

function Headline({ data, filters }: { data: FailureDemandView; filters: DashboardFilters }) {
  const { headline, currency } = data;
  const { share, change } = headline;
  return (
    <div className="tiles" aria-label="Failure demand in this period">
      <section className="card tile">
        <a className="tile-link" href={linkWith("/failure-demand/contacts", filters, { demand: "failure" })}>
          <h3>Failure demand</h3>
          {share.status === "ok" ? (
            <>
              <div className="stat">{formatValue("failure_demand", share.value)}</div>
              <div className="muted">
                {formatMargin("failure_demand", share.margin)} · {formatCount(share.n)} contacts
              </div>
            </>
          ) : (
            <>
              <div className="stat muted">—</div>
              <div className="muted">
                {share.n === 0 ? "no contacts in this period" : `too few contacts to say (${formatCount(share.n)}; at least ${share.minimum})`}
              </div>
            </>
          )}
          {headline.unclassifiedShare != null && headline.unclassifiedShare > 0 ? (
            <div className="left-out">{one(headline.unclassifiedShare)}% of contacts still unclassified</div>
          ) : null}
          <div className={`change ${changeTone(change)}`}>{describeShareChange(change)}</div>
        </a>
        <MethodLink section="failure-demand">How failure demand is computed</MethodLink>
      </section>
      <section className="card tile">
        <h3>Cost of failure demand</h3>
        <div className="stat">{formatCost(headline.cost, currency)}</div>
        <div className="muted">
          of {formatCost(headline.allCost, currency)} for every contact; {formatContacts(headline.failureContacts)} caused upstream
        </div>
        <MethodLink section="failure-demand">How contacts are priced</MethodLink>
      </section>
      <section className="card tile">
        <h3>Contacts</h3>
        <div className="stat">{formatNumber(Math.round(headline.contacts))}</div>
        <div className="muted">
          {formatNumber(Math.round(headline.failureContacts))} failure · {formatNumber(Math.round(headline.valueContacts))} value ·{" "}
          <a href={linkWith("/failure-demand/contacts", filters, { demand: "unclassified" })}>
            {formatNumber(Math.round(headline.unclassifiedContacts))} unclassified
          </a>
          {headline.otherFailureContacts > 0 ? ` · ${formatNumber(Math.round(headline.otherFailureContacts))} caused outside this view` : ""}
        </div>
        <div className="muted">{formatContacts(headline.compare.contacts)} in the comparison period</div>
      </section>
    </div>
  );
}

/** The trend in words, for screen readers and for anyone who reads before looking. */
function trendSummary(trend: FailureDemandView["trend"], minimum: number): string {
  const scored = trend.filter((t) => t.share.status === "ok") as Array<(typeof trend)[number] & { share: Extract<Score, { status: "ok" }> }>;
  if (scored.length === 0) return `No month of the last 12 has ${minimum} contacts or more: no share is given.`;
  const low = scored.reduce((a, b) => (b.share.value < a.share.value ? b : a));
  const high = scored.reduce((a, b) => (b.share.value > a.share.value ? b : a));
  const last = scored.at(-1)!;
  return (
    `Failure-demand share by month, ${formatMonth(trend[0]!.month)} to ${formatMonth(trend.at(-1)!.month)}: lowest ${formatValue("failure_demand", low.share.value)} in ${formatMonth(low.month)}, ` +
    `highest ${formatValue("failure_demand", high.share.value)} in ${formatMonth(high.month)}; ${formatMonth(last.month)} ${formatValue("failure_demand", last.share.value)} ` +
    `${formatMargin("failure_demand", last.share.margin)} of ${formatContacts(last.contacts)}. Months below ${minimum} contacts have no share.`
  );
}

function Trend({ data, filters }: { data: FailureDemandView; filters: DashboardFilters }) {
  const summary = trendSummary(data.trend, data.minimumSample);
  const points = data.trend.map((t) => ({
    month: t.month,
    share: t.share.status === "ok" ? t.share.value : null,
    low: t.share.status === "ok" ? t.share.value - t.share.margin : null,
    high: t.share.status === "ok" ? t.share.value + t.share.margin : null,
    contacts: Math.round(t.contacts),
    failure: Math.round(t.failure),
  }));
  return (
    <>
      <div className="section-head">
        <h2>Failure demand, last 12 months</h2>
        <a className="button csv-button" href={linkWith("/api/failure-demand", filters, { table: "trend" })} download>
          Download CSV
        </a>
      </div>
      <div className="card">
        <DemandTrendChart points={points} label={summary} />
        <p className="muted">{summary}</p>
        <details className="table-view">
          <summary>Show as a table</summary>
          <DataTable
            label="Failure demand by month"
            scroll={false}
            columns={[
              "Month",
              num("Contacts"),
              num("Failure demand"),
              num("Value demand"),
              num("Unclassified"),
              num("Failure-demand share"),
              num("Cost of failure demand"),
            ]}
          >
            {data.trend.map((t) => (
              <tr key={t.month}>
                <td>{formatMonth(t.month)}</td>
                <td className="num">{formatNumber(Math.round(t.contacts))}</td>
                <td className="num">{formatNumber(Math.round(t.failure))}</td>
                <td className="num">{formatNumber(Math.round(t.value))}</td>
                <td className="num">{formatNumber(Math.round(t.unclassified))}</td>
                <td className="num">{shareText(t.share)}</td>
                <td className="num">{formatCost(t.cost, data.currency)}</td>
              </tr>
            ))}
          </DataTable>
        </details>
      </div>
    </>
  );
}

function Departments({ data, filters }: { data: FailureDemandView; filters: DashboardFilters }) {
  const { departments, currency } = data;
  const top = departments.slice(0, BAR_ROWS);
  return (
    <CauseSection
      id="by-department"
      title="By the department that caused them"
      csv={{
        fileName: `failure demand by department ${data.period.from} ${data.period.to}.csv`,
        rows: departments.map((d) => ({
          department: d.name,
          contacts: Number(d.contacts.toFixed(1)),
          [`cost_${currency}`]: Number(d.cost.toFixed(2)),
          share_of_failure_demand: d.shareOfFailure === null ? "" : Number(d.shareOfFailure.toFixed(1)),
          share_of_contacts: d.share.status === "ok" ? Number(d.share.value.toFixed(1)) : "insufficient",
          share_margin: d.share.status === "ok" ? Number(d.share.margin.toFixed(1)) : "",
          change: describeShareChange(d.change),
        })),
      }}
      empty={{
        title: "No failure demand attributed to a department",
        text: "Contacts count here once their reasons are mapped to the touchpoints that caused them.",
      }}
      bars={{
        bars: top.map((d) => ({ name: d.name, contacts: d.contacts })),
        label: `Contacts caused by department: ${top.map((d) => `${d.name} ${formatNumber(Math.round(d.contacts))}`).join(", ")}`,
      }}
      table={{ label: "Contacts caused by department", heading: "Department", ofFailureDemand: true }}
      rows={departments.map((d) => ({
        ...d,
        key: d.id,
        href: linkWith("/failure-demand/contacts", { ...filters, departmentId: d.id }),
        change: changeCell(d.change),
      }))}
      currency={currency}
    />
  );
}

function Stages({ data, filters }: { data: FailureDemandView; filters: DashboardFilters }) {
  const { stages, currency } = data;
  const name = (s: (typeof stages)[number]) => `${s.journeyName} › ${s.stageName}`;
  return (
    <CauseSection
      id="by-stage"
      title="By journey stage"
      csv={{
        fileName: `failure demand by stage ${data.period.from} ${data.period.to}.csv`,
        rows: stages.map((s) => ({
          journey: s.journeyName,
          stage: s.stageName,
          contacts: Number(s.contacts.toFixed(1)),
          [`cost_${currency}`]: Number(s.cost.toFixed(2)),
          share_of_contacts: s.share.status === "ok" ? Number(s.share.value.toFixed(1)) : "insufficient",
          change: describeShareChange(s.change),
        })),
      }}
      note={
        <p className="muted">
          A stage counts the failure demand of the touchpoints placed in it; a touchpoint placed in two stages counts in both, so the stages can add up to more
          than the total.
        </p>
      }
      empty={{
        title: "No failure demand attributed to a stage",
        text: "Contacts count here once their reasons are mapped to touchpoints placed in a journey's stages.",
      }}
      bars={{
        bars: [...stages]
          .sort((a, b) => b.contacts - a.contacts)
          .slice(0, BAR_ROWS)
          .map((s) => ({ name: name(s), contacts: s.contacts })),
        label: `Contacts caused by stage: ${stages.map((s) => `${name(s)} ${formatNumber(Math.round(s.contacts))}`).join(", ")}`,
      }}
      table={{ label: "Contacts caused by journey stage", heading: "Stage", ofFailureDemand: false }}
      rows={stages.map((s) => ({
        ...s,
        key: s.stageId,
        name: name(s),
        href: linkWith("/failure-demand/contacts", filters, { stageId: s.stageId }),
        change: changeCell(s.change),
      }))}
      currency={currency}
    />
  );
}

function Touchpoints({ data, filters }: { data: FailureDemandView; filters: DashboardFilters }) {
  const { touchpoints, currency } = data;
  return (
    <section className="card" aria-labelledby="by-touchpoint">
      <div className="section-head">
        <h2 id="by-touchpoint">The touchpoints that cause the most contacts</h2>
        <a className="button csv-button" href={linkWith("/api/failure-demand", filters, { table: "touchpoints" })} download>
          Download CSV
        </a>
      </div>
      {touchpoints.length === 0 ? (
        <EmptyState title="No touchpoint has caused contacts in this period">
          <p>Map contact reasons to the touchpoints that cause them; the contacts then count here, with all their history.</p>
        </EmptyState>
      ) : (
        <DataTable
          label="Contacts caused by touchpoint"
          columns={[
            "Touchpoint",
            "Department · owner",
            num("Contacts caused"),
            num("Cost"),
            num("Per 1,000 responses"),
            num("Per 1,000 transactions"),
            "Change in contacts",
          ]}
        >
          {touchpoints.map((tp) => (
            <tr key={tp.id}>
              <th scope="row">
                <a href={linkWith(`/touchpoints/${tp.id}`, filters)}>{tp.name}</a> <span className="muted">{tp.code}</span>
              </th>
              <td>
                {tp.departmentName}
                <span className="muted"> · {tp.ownerName ?? "no owner"}</span>
              </td>
              <td className="num">
                <a href={linkWith("/failure-demand/contacts", filters, { touchpointId: tp.id })}>{formatNumber(Math.round(tp.contacts))}</a>
              </td>
              <td className="num">{formatCost(tp.cost, currency)}</td>
              <td className="num">
                {tp.perThousandResponses ? formatContactRate(tp.perThousandResponses, "") : "no responses"}
                <div className="muted">{formatCount(tp.responses)}</div>
              </td>
              <td className="num">{tp.perThousandTransactions ? formatContactRate(tp.perThousandTransactions, "") : "no volume"}</td>
              <td className={`change ${changeTone(tp.countChange)}`}>{describeContactChange(tp.countChange)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <MethodLink section="failure-demand">How contacts per 1,000 and their margins are computed</MethodLink>
    </section>
  );
}

const kindLabel = { failure: "Failure demand", value: "Value demand", unclassified: "Unclassified" } as const;

function Reasons({ data, filters }: { data: FailureDemandView; filters: DashboardFilters }) {
  const { reasons, currency, withoutReason } = data;
  return (
    <section className="card" aria-labelledby="by-reason">
      <div className="section-head">
        <h2 id="by-reason">By reason</h2>
        <DownloadCsv
          fileName={`contacts by reason ${data.period.from} ${data.period.to}.csv`}
          rows={reasons.map((r) => ({
            reason: r.name,
            classified_as: kindLabel[r.kind],
            caused_by: r.cause?.code ?? "",
            contacts: Number(r.contacts.toFixed(1)),
            [`cost_${currency}`]: Number(r.cost.toFixed(2)),
          }))}
        />
      </div>
      <p className="muted">A contact with two reasons counts under both.</p>
      <DataTable label="Contacts by reason" columns={["Reason", "Classified as", num("Contacts"), num("Cost")]}>
        {reasons.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <a href={linkWith("/failure-demand/contacts", filters, { reasonId: r.id })}>{r.name}</a>
            </th>
            <td>
              {kindLabel[r.kind]}
              {r.cause ? <span className="muted"> · caused by {r.cause.name}</span> : null}
              {r.via === "rule" ? <span className="muted"> (by a rule)</span> : null}
            </td>
            <ContactCells contacts={r.contacts} cost={r.cost} currency={currency} />
          </tr>
        ))}
        {withoutReason.contacts > 0 ? (
          <tr>
            <th scope="row" className="muted">
              No reason given
            </th>
            <td className="muted">Unclassified, unless the support tool named the touchpoint</td>
            <ContactCells contacts={withoutReason.contacts} cost={withoutReason.cost} currency={currency} />
          </tr>
        ) : null}
      </DataTable>
    </section>
  );
}

function Channels({ data }: { data: FailureDemandView }) {
  return (
    <section className="card" aria-labelledby="by-channel">
      <h2 id="by-channel">By channel</h2>
      <DataTable label="Contacts by channel" columns={["Channel", num("Contacts"), num("Failure demand"), num("Share"), num("Cost")]}>
        {data.channels.map((c) => (
          <tr key={c.channel}>
            <th scope="row">{contactChannelLabel[c.channel]}</th>
            <td className="num">{formatNumber(Math.round(c.contacts))}</td>
            <td className="num">{formatNumber(Math.round(c.failure))}</td>
            <td className="num">{shareText(c.share)}</td>
            <td className="num">{formatCost(c.cost, data.currency)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

export default async function FailureDemandPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { filters, problems } = readDashboardFilters(await searchParams);
  const [api, user] = await Promise.all([serverApi(), currentUser()]);
  const data = await api.failureDemand.view(filters);
  return (
    <>
      <PageHeader
        title="Failure demand"
        description={`Contacts that reach support because the experience broke upstream, traced to the touchpoint and department that caused them, ${formatPeriod(data.period)}, compared with ${formatPeriod(data.compareTo)}. Shares below ${data.minimumSample} contacts are not shown.`}
      />
      <FilterBar problems={[...problems, ...data.filterProblems]} filters={filters} period={data.period} compareTo={data.compareTo} {...data.filterOptions} />
      {!data.hasContacts ? (
        <EmptyState title="No service contacts imported yet">
          {user?.role === "admin" ? (
            <p>
              Import a support tool&apos;s export (Zendesk, Genesys Cloud, Salesforce, or any CSV or XLSX) on <a href="/admin/imports">the imports page</a>,
              then map its reasons to the touchpoints that cause them.
            </p>
          ) : (
            <p>Failure demand shows here once contacts from the support tools are imported: ask an admin to import them.</p>
          )}
        </EmptyState>
      ) : (
        <>
          {data.narrowed ? (
            <p className="notice" role="status">
              Filtered: failure demand counts the contacts caused by the touchpoints in this view; every contact of the period stays in the share&apos;s n.
            </p>
          ) : null}
          <Headline data={data} filters={filters} />
          <Trend data={data} filters={filters} />
          <div className="two-col">
            <Departments data={data} filters={filters} />
            <Stages data={data} filters={filters} />
          </div>
          <Touchpoints data={data} filters={filters} />
          <div className="two-col">
            <Reasons data={data} filters={filters} />
            <Channels data={data} />
          </div>
        </>
      )}
    </>
  );
}
