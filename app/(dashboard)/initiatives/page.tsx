// Experience › Initiatives: every initiative in the program with its touchpoint, department, owner, status,
// due date and measured impact — filtered and sorted in the URL, exportable as CSV.
import type { Metadata } from "next";
import Link from "next/link";
import { DownloadCsv } from "@/components/dashboard/download-csv";
import { FilterSelect } from "@/components/dashboard/filter-select";
import { EmptyState } from "@/components/empty-state";
import { countOf, describeContactChange, describeDifference, formatContacts, formatDate, formatNumber, metricLabel } from "@/components/format";
import { statusLabel } from "@/components/initiatives/status";
import { PageHeader } from "@/components/page-header";
import { initiativeStatuses } from "@/lib/enums";
import type { RouterOutputs } from "@/lib/router-types";
import { serverApi } from "@/server/api/caller";
import { portfolioQueryFrom } from "@/server/initiatives/portfolio";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Initiatives" };

const sortLabels = { due: "Due date", impact: "Impact, largest rise first", status: "Status", touchpoint: "Touchpoint" } as const;

type PortfolioRow = RouterOutputs["initiatives"]["portfolio"]["rows"][number];

/** What an initiative aimed at the contacts its touchpoint causes has moved: contacts a month, after against before. */
function contactImpactText(impact: Extract<PortfolioRow["impact"], { aim: "contacts" }>): string {
  switch (impact.status) {
    case "measured":
      return describeContactChange(impact.change, "a month");
    case "too_early":
      return `too early (${formatContacts(impact.before.contacts + impact.after.contacts)} of ${impact.minimum} needed in both windows)`;
    default:
      return "not started";
  }
}

/** What the initiative aims at, as the table's last column names it. */
function aimText(row: PortfolioRow): string {
  if (row.aim === "contacts") return "Contacts caused: ";
  return row.metricCode ? `${metricLabel[row.metricCode] ?? row.metricCode}: ` : "";
}

function impactText(row: PortfolioRow): string {
  if ("aim" in row.impact) return contactImpactText(row.impact);
  const metric = row.metricCode ?? "program";
  switch (row.impact.status) {
    case "measured":
      return `${describeDifference(metric, row.impact.change)} ${row.impact.change.significant ? (row.impact.change.direction === "worse" ? "— worse (significant)" : "— better (significant)") : "— not significant"}`;
    case "too_early":
      return `too early (n = ${formatNumber(row.impact.after.n)} of ${row.impact.minimum} since the start)`;
    case "not_comparable":
      return "not comparable (too few answers before the start)";
    default:
      return "not started, or no metric";
  }
}

export default async function InitiativesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = portfolioQueryFrom(await searchParams);
  const portfolio = await (await serverApi()).initiatives.portfolio(query);
  const { moved } = portfolio;
  const csvRows = portfolio.rows.map((r) => ({
    initiative: r.title,
    touchpoint: r.touchpointCode,
    location: r.locationCode ?? "",
    department: r.departmentName,
    owner: r.ownerName ?? "",
    status: statusLabel[r.status],
    due: r.dueDate ?? "",
    overdue: r.overdue,
    aim: r.aim,
    metric: r.aim === "contacts" ? "contacts caused a month" : (r.metricCode ?? ""),
    impact: impactText(r),
  }));
  return (
    <>
      <PageHeader
        title="Initiatives"
        description="Every improvement initiative in the program, with what it has measurably moved: the score after its start against as many days before it."
      />
      <p className="card">
        Of {countOf(portfolio.total, "initiative")}, <strong>{formatNumber(moved.better)}</strong> moved their score up significantly,{" "}
        <strong>{formatNumber(moved.worse)}</strong> down, {formatNumber(moved.no_change)} show no significant change yet, {formatNumber(moved.too_early)} are
        too early to tell and {formatNumber(moved.not_measured)} are not measured (not started, no metric, or too few answers before the start).
      </p>
      <form className="filters card" method="get" aria-label="Filters">
        <FilterSelect
          name="status"
          label="Status"
          allLabel="Any status"
          value={query.status}
          options={initiativeStatuses.map((s) => ({ value: s, label: statusLabel[s] }))}
        />
        <FilterSelect
          name="departmentId"
          label="Department"
          allLabel="All departments"
          value={query.departmentId}
          options={portfolio.departments.map((d) => ({ value: d.id, label: d.name }))}
        />
        <div>
          <label htmlFor="sort">Sort by</label>
          <select id="sort" name="sort" defaultValue={query.sort}>
            {Object.entries(sortLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <label className="inline">
          <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue === "1"} /> Overdue only
        </label>
        <button type="submit" className="primary">
          Apply
        </button>
        <a href="?" className="button">
          Reset
        </a>
      </form>
      {portfolio.rows.length === 0 ? (
        <EmptyState title={portfolio.total === 0 ? "No initiatives yet" : "No initiative matches these filters"}>
          <p>{portfolio.total === 0 ? "Owners start initiatives from a touchpoint below its target." : "Change or reset the filters to see the others."}</p>
        </EmptyState>
      ) : (
        <div className="card">
          <div className="section-head">
            <h2>
              {formatNumber(portfolio.rows.length)} {portfolio.rows.length === 1 ? "initiative" : "initiatives"}
            </h2>
            <DownloadCsv rows={csvRows} fileName="initiatives.csv" />
          </div>
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Initiative</th>
                  <th scope="col">Touchpoint</th>
                  <th scope="col">Where</th>
                  <th scope="col">Department</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Status</th>
                  <th scope="col">Due</th>
                  <th scope="col">Measured impact</th>
                </tr>
              </thead>
              <tbody>
                {portfolio.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link href={`/initiatives/${r.id}`}>{r.title}</Link>
                    </th>
                    <td>
                      <Link href={`/touchpoints/${r.touchpointId}`}>{r.touchpointName}</Link>
                    </td>
                    <td>{r.locationCode ? <Link href={`/locations/${r.locationCode}`}>{r.locationName}</Link> : "Everywhere"}</td>
                    <td>{r.departmentName}</td>
                    <td>{r.ownerName ?? "—"}</td>
                    <td>{statusLabel[r.status]}</td>
                    <td>
                      {r.dueDate ? formatDate(r.dueDate) : "—"}
                      {r.overdue ? <span className="bad-text"> · overdue</span> : null}
                    </td>
                    <td>
                      {aimText(r)}
                      {impactText(r)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}
