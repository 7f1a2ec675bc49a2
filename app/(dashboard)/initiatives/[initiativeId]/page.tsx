// One initiative: what it fixes on which touchpoint, the customers' comments that show the problem, its
// progress, whether it moved the score (or why that cannot be said yet), and its updates timeline. Its owner
// and admins edit it (and link the comments) here; everyone else reads.
import type { Metadata } from "next";
import Link from "next/link";
import { idFromRoute, orNotFound } from "@/components/dashboard/entity-page";
import { EmptyState } from "@/components/empty-state";
import { formatContacts, formatCount, formatDate, formatDateTime, formatNumber, formatValue, metricLabel } from "@/components/format";
import { EvidenceSection } from "@/components/initiatives/evidence-section";
import { ImpactCard } from "@/components/initiatives/impact-card";
import { InitiativeEditor } from "@/components/initiatives/initiative-editor";
import { statusLabel } from "@/components/initiatives/status";
import { PostUpdate } from "@/components/initiatives/post-update";
import { PageHeader } from "@/components/page-header";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Initiative" };

export default async function InitiativePage({ params }: { params: Promise<{ initiativeId: string }> }) {
  const id = idFromRoute((await params).initiativeId);
  const api = await serverApi();
  const [initiative, evidence] = await Promise.all([orNotFound(api.initiatives.detail({ id })), orNotFound(api.initiatives.evidence({ initiativeId: id }))]);
  const canEdit = initiative.mayChange;
  const onContacts = initiative.aim === "contacts";
  const metricName = initiative.metricCode ? (metricLabel[initiative.metricCode] ?? initiative.metricCode) : null;
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href={`/touchpoints/${initiative.touchpointId}`}>
          {initiative.touchpointName} ({initiative.touchpointCode})
        </Link>
        {initiative.locationCode ? (
          <>
            {" "}
            at <Link href={`/locations/${initiative.locationCode}`}>{initiative.locationName}</Link>
          </>
        ) : null}{" "}
        › Initiative
      </nav>
      <PageHeader title={initiative.title} description={initiative.problem ?? undefined} />
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`tag status-${initiative.status}`}>{statusLabel[initiative.status]}</span>
            {initiative.overdue ? <span className="tag inactive"> overdue</span> : null}
          </dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>{initiative.locationName ? `${initiative.locationName} only (measured there)` : "Every location"}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{initiative.ownerName ?? "Unassigned"}</dd>
        </div>
        <div>
          <dt>Progress</dt>
          <dd>
            <progress max={100} value={initiative.percentComplete} aria-label="Percent complete" /> {initiative.percentComplete}%
          </dd>
        </div>
        <div>
          <dt>Start – due</dt>
          <dd>
            {initiative.startDate ? formatDate(initiative.startDate) : "not set"} – {initiative.dueDate ? formatDate(initiative.dueDate) : "not set"}
          </dd>
        </div>
        <div>
          <dt>Aim</dt>
          <dd>{onContacts ? "Fewer contacts caused downstream" : `Raise ${metricName ?? "a score (no metric set)"}`}</dd>
        </div>
        {onContacts ? (
          <div>
            <dt>Baseline (contacts caused a month): the 90 days before the start, kept as it was when set</dt>
            <dd>
              {initiative.baseline != null
                ? `${formatNumber(Math.round(initiative.baseline * 10) / 10)} a month (${formatContacts(initiative.baselineResponseCount ?? 0)})`
                : "set a start date"}
            </dd>
          </div>
        ) : (
          <div>
            <dt>Baseline ({initiative.metricCode?.toUpperCase() ?? "no metric"}): the 90 days before the start, kept as it was when set</dt>
            <dd>
              {initiative.baseline != null && initiative.metricCode
                ? `${formatValue(initiative.metricCode, initiative.baseline)} (${formatCount(initiative.baselineResponseCount ?? 0)})`
                : initiative.baselineResponseCount != null
                  ? `insufficient data (${formatCount(initiative.baselineResponseCount)})`
                  : "set a metric and a start date"}
            </dd>
          </div>
        )}
        <div>
          <dt>Target</dt>
          <dd>
            {initiative.target == null
              ? "not set"
              : onContacts
                ? `${formatNumber(initiative.target)} contacts a month`
                : initiative.metricCode
                  ? formatValue(initiative.metricCode, initiative.target)
                  : "not set"}
          </dd>
        </div>
        <div>
          <dt>Evidence</dt>
          <dd>
            <a href="#evidence">
              {evidence.hidden ? "hidden (few responses)" : `${formatNumber(evidence.items.length)} ${evidence.items.length === 1 ? "comment" : "comments"}`}
            </a>
          </dd>
        </div>
      </dl>
      <ImpactCard impact={initiative.impact} metricCode={initiative.metricCode} />
      <EvidenceSection initiativeId={initiative.id} evidence={evidence} canEdit={canEdit} />
      <div className="two-col" style={{ marginTop: 16 }}>
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Updates</h2>
          {initiative.updates.length === 0 ? (
            <EmptyState title="No updates yet">{canEdit ? "Post the first one below." : null}</EmptyState>
          ) : (
            <ol className="timeline">
              {initiative.updates.map((u) => (
                <li key={u.id}>
                  <div className="muted">
                    {u.authorName ?? "Someone"} · {formatDateTime(u.createdAt)} UTC
                  </div>
                  {u.statusTo ? (
                    <div>
                      {statusLabel[u.statusFrom ?? "not_started"]} → <strong>{statusLabel[u.statusTo]}</strong>
                    </div>
                  ) : (
                    <p>{u.body}</p>
                  )}
                </li>
              ))}
            </ol>
          )}
          {canEdit ? <PostUpdate initiativeId={initiative.id} /> : null}
        </section>
        {canEdit ? (
          <InitiativeEditor
            initiative={{
              id: initiative.id,
              version: initiative.version,
              title: initiative.title,
              problem: initiative.problem,
              status: initiative.status,
              percentComplete: initiative.percentComplete,
              startDate: initiative.startDate,
              dueDate: initiative.dueDate,
              target: initiative.target,
              aim: initiative.aim,
            }}
          />
        ) : null}
      </div>
    </>
  );
}
