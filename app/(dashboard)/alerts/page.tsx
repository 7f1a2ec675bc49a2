// Alerts: the cases raised by the alert rules — owners see theirs and their department's, executives and admins
// all — filtered by status, rule, department and age in the URL, with a CSV of what is shown.
import type { Metadata } from "next";
import Link from "next/link";
import { alertKindLabel, alertStatusLabel, escalationText } from "@/components/alerts/labels";
import { DownloadCsv } from "@/components/dashboard/download-csv";
import { FilterSelect } from "@/components/dashboard/filter-select";
import { EmptyState } from "@/components/empty-state";
import { formatDateTime, formatNumber } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { alertListSchema, alertStatuses, unresolvedAlertStatuses, type AlertRuleKind, type AlertStatus } from "@/lib/alerts";
import { entityIdText } from "@/lib/schemas";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alerts" };

const showChoices = ["unresolved", "all", ...alertStatuses] as const;
type Show = (typeof showChoices)[number];
const showLabel: Record<Show, string> = { unresolved: "Still to resolve", all: "All statuses", ...alertStatusLabel };

/** An id from the URL, or nothing when it is not one (the filter then shows all). */
const idParam = (value: unknown) => {
  const parsed = entityIdText.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

function readQuery(params: Record<string, string | string[] | undefined>) {
  const show = showChoices.find((s) => s === params.show) ?? "unresolved";
  const status: AlertStatus[] | undefined = show === "all" ? undefined : show === "unresolved" ? [...unresolvedAlertStatuses] : [show];
  const age = alertListSchema.shape.ageDays.safeParse(typeof params.age === "string" && params.age !== "" ? Number(params.age) : undefined);
  return { show, query: { status, ruleId: idParam(params.ruleId), departmentId: idParam(params.departmentId), ageDays: age.success ? age.data : undefined } };
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { show, query } = readQuery(await searchParams);
  const api = await serverApi();
  const [list, rules, departments] = await Promise.all([api.alerts.list(query), api.alerts.rules(), api.model.departments()]);
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Cases raised when a score drops significantly, stays below target, a detractor asks for a refund or a manager, or contacts caused upstream rise. Each has an owner, a deadline to acknowledge it, and closes with its root cause and the action taken."
      />
      <form className="filters card" method="get" aria-label="Filter alerts">
        <FilterSelect
          name="show"
          label="Status"
          allLabel="Still to resolve"
          value={show === "unresolved" ? "" : show}
          options={showChoices.filter((s) => s !== "unresolved").map((s) => ({ value: s, label: showLabel[s] }))}
        />
        <FilterSelect name="ruleId" label="Rule" allLabel="All rules" value={query.ruleId} options={rules.map((r) => ({ value: r.id, label: r.name }))} />
        <FilterSelect
          name="departmentId"
          label="Department"
          allLabel="All departments"
          value={query.departmentId}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
        />
        <FilterSelect
          name="age"
          label="Age"
          allLabel="Any age"
          value={query.ageDays}
          options={[1, 2, 7, 30].map((days) => ({ value: days, label: `Older than ${days} day${days === 1 ? "" : "s"}` }))}
        />
        <button type="submit" className="primary">
          Apply
        </button>
        <a href="?" className="button">
          Reset
        </a>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title={show === "unresolved" ? "Nothing to resolve" : "No alerts match these filters"}>
          <p>Alerts are raised after every import and every hour, from the rules an admin sets on Setup › Alert rules.</p>
        </EmptyState>
      ) : (
        <section className="card" aria-labelledby="alerts-heading">
          <div className="section-head">
            <h2 id="alerts-heading">
              {formatNumber(list.total)} alert{list.total === 1 ? "" : "s"}
              {list.total > list.items.length ? ` (the newest ${formatNumber(list.items.length)} shown)` : ""}
            </h2>
            <DownloadCsv
              fileName="alerts.csv"
              rows={list.items.map((a) => ({
                id: a.id,
                created: a.createdAt.toISOString(),
                status: a.status,
                rule: a.ruleName,
                kind: a.kind,
                about: a.entityName,
                department: a.departmentName ?? "",
                title: a.title,
                summary: a.summary,
                assignee: a.assigneeName ?? "",
                due: a.dueAt.toISOString(),
                overdue: a.overdue,
                escalation_level: a.escalationLevel,
                closed: a.closedAt?.toISOString() ?? "",
                root_cause: a.rootCause ?? "",
                action_taken: a.actionTaken ?? "",
              }))}
            />
          </div>
          <div className="table-scroll">
            <table className="data" aria-label="Alerts">
              <thead>
                <tr>
                  {["Alert", "Status", "About", "Assigned to", "Raised", "Acknowledge by"].map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link href={`/alerts/${a.id}`}>{a.title}</Link>
                      <div className="muted">
                        {alertKindLabel[a.kind as AlertRuleKind] ?? a.kind} · {a.ruleName}
                      </div>
                    </th>
                    <td>
                      {alertStatusLabel[a.status]}
                      {a.escalationLevel > 0 ? <div className="change bad">{escalationText(a.escalationLevel)}</div> : null}
                    </td>
                    <td>
                      {a.entityName}
                      {a.departmentName ? <div className="muted">{a.departmentName}</div> : null}
                    </td>
                    <td>{a.assigneeName ?? "no one yet"}</td>
                    <td>{formatDateTime(a.createdAt.toISOString())}</td>
                    <td className={a.overdue ? "change bad" : undefined}>
                      {a.acknowledgedAt
                        ? `acknowledged ${formatDateTime(a.acknowledgedAt.toISOString())}`
                        : `${formatDateTime(a.dueAt.toISOString())}${a.overdue ? " — overdue" : ""}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
