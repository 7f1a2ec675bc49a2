// One alert as a case: what fired and its figures, who owns it and by when it must be acknowledged, the
// respondent to call back (owners and admins only), the timeline, and the next steps for whoever may act.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CaseActions } from "@/components/alerts/case-actions";
import { alertKindLabel, alertStatusLabel, escalationText } from "@/components/alerts/labels";
import { idFromRoute } from "@/components/dashboard/entity-page";
import { EmptyState } from "@/components/empty-state";
import { formatDateTime } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import type { AlertRuleKind } from "@/lib/alerts";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alert" };

const eventLabel: Record<string, string> = {
  created: "Raised",
  assigned: "Assigned",
  acknowledged: "Acknowledged",
  started: "Work started",
  commented: "Comment",
  escalated: "Escalated",
  closed: "Closed",
  initiative_created: "Initiative created",
};

async function load(id: number) {
  const api = await serverApi();
  try {
    return { alert: await api.alerts.get({ id }) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "NOT_FOUND") notFound();
    if (code === "FORBIDDEN") return { refused: (error as Error).message };
    throw error;
  }
}

function hoursBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / 3_600_000);
}

/** A theme-share case's theme on Experience › Themes, for the case's scope and period, with its comments open. */
function themeCommentsHref(alert: {
  kind: string;
  entityLevel: string;
  entityId: number;
  periodFrom: string | null;
  periodTo: string | null;
  figures: Record<string, unknown>;
}) {
  const themeId = alert.figures.themeId;
  if (alert.kind !== "theme_share" || typeof themeId !== "number") return null;
  const params = new URLSearchParams();
  if (alert.entityLevel !== "program") {
    params.set("level", alert.entityLevel);
    params.set("id", String(alert.entityId));
  }
  if (alert.periodFrom) params.set("from", alert.periodFrom);
  if (alert.periodTo) params.set("to", alert.periodTo);
  params.set("theme", String(themeId));
  return `/themes?${params.toString()}`;
}

export default async function AlertPage({ params }: { params: Promise<{ alertId: string }> }) {
  const id = idFromRoute((await params).alertId);
  const loaded = await load(id);
  if (!loaded.alert)
    return (
      <EmptyState title="This case is not yours to see">
        <p>{loaded.refused} Cases belong to the touchpoint&apos;s owner and department; executives and admins see all.</p>
      </EmptyState>
    );
  const { alert } = loaded;
  const entityHref = alert.touchpointId ? `/touchpoints/${alert.touchpointId}` : alert.entityLevel === "journey" ? `/journeys/${alert.entityId}` : null;
  const themeHref = themeCommentsHref(alert);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/alerts">Alerts</Link> › {alert.id}
      </p>
      <PageHeader title={alert.title} description={`${alertKindLabel[alert.kind as AlertRuleKind] ?? alert.kind} · rule “${alert.ruleName}”`} />
      <div className="two-col">
        <section className="card" aria-labelledby="what-fired">
          <h2 id="what-fired">What happened</h2>
          <p>{alert.summary}</p>
          <p className="muted">
            About {entityHref ? <Link href={entityHref}>{alert.entityName}</Link> : alert.entityName}
            {alert.departmentName ? ` · ${alert.departmentName}` : ""}
            {alert.periodFrom && alert.periodTo ? ` · ${alert.periodFrom} to ${alert.periodTo}` : ""}
          </p>
          {themeHref ? (
            <p>
              <Link href={themeHref}>Read the comments on {String(alert.figures.themeName ?? "the theme")}</Link> in that period.
            </p>
          ) : null}
          {alert.comment ? (
            <blockquote className="verbatim" data-testid="comment">
              <strong>What they wrote:</strong> “{alert.comment}”
            </blockquote>
          ) : null}
          {alert.respondent ? (
            <p data-testid="respondent">
              <strong>Call back:</strong> {alert.respondent.name ?? "name not given"} · {alert.respondent.email ?? "no email given"}
            </p>
          ) : null}
          {alert.initiative ? (
            <p>
              Followed up by the initiative <Link href={`/initiatives/${alert.initiative.id}`}>{alert.initiative.title}</Link>.
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="case-status">
          <h2 id="case-status">Case</h2>
          <dl className="case-facts">
            <dt>Status</dt>
            <dd data-testid="case-status">{alertStatusLabel[alert.status]}</dd>
            <dt>Assigned to</dt>
            <dd>{alert.assigneeName ?? "no one yet"}</dd>
            <dt>Raised</dt>
            <dd>{formatDateTime(alert.createdAt.toISOString())}</dd>
            <dt>Acknowledge by</dt>
            <dd className={alert.overdue ? "change bad" : undefined}>
              {formatDateTime(alert.dueAt.toISOString())}
              {alert.acknowledgedAt
                ? ` — acknowledged ${formatDateTime(alert.acknowledgedAt.toISOString())}${alert.acknowledgedAt <= alert.dueAt ? ", within the SLA" : ", after the SLA"}`
                : alert.overdue
                  ? " — overdue"
                  : ""}
            </dd>
            <dt>Escalation</dt>
            <dd>{escalationText(alert.escalationLevel)}</dd>
            {alert.closedAt ? (
              <>
                <dt>Closed</dt>
                <dd data-testid="closed-within">
                  {formatDateTime(alert.closedAt.toISOString())}, {hoursBetween(alert.createdAt, alert.closedAt)} h after it was raised
                </dd>
                <dt>Root cause</dt>
                <dd>{alert.rootCause}</dd>
                <dt>Action taken</dt>
                <dd>{alert.actionTaken}</dd>
              </>
            ) : null}
          </dl>
        </section>
      </div>
      {alert.mayChange ? <CaseActions alertId={alert.id} status={alert.status} initiativeId={alert.initiativeId} /> : null}
      <section className="card" aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <ol className="timeline">
          {alert.events.map((event) => (
            <li key={event.id}>
              <strong>{eventLabel[event.kind] ?? event.kind}</strong> · {event.actorName} · {formatDateTime(new Date(event.at).toISOString())}
              {event.note ? <div>{event.note}</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
