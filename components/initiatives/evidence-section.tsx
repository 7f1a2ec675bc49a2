// The problem in the customers' own words: the comments linked to the initiative, which every reader sees
// (never who wrote them), and for its owner and admins the controls to link more or unlink one.
import { EmptyState } from "@/components/empty-state";
import { formatAnswers, formatDate } from "@/components/format";
import type { listEvidence } from "@/server/initiatives/evidence";
import { EvidencePicker, UnlinkEvidence } from "./evidence-picker";

type Evidence = Awaited<ReturnType<typeof listEvidence>>;

export function EvidenceSection({
  initiativeId,
  evidence: { hidden, reason, items: evidence },
  canEdit,
}: {
  initiativeId: number;
  evidence: Evidence;
  canEdit: boolean;
}) {
  return (
    <section id="evidence" className="card" style={{ marginTop: 16 }} aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence: in the customers&apos; words</h2>
      {hidden ? (
        <p className="muted">{reason}</p>
      ) : evidence.length === 0 ? (
        <EmptyState title="No comments linked yet">
          {canEdit
            ? "Link comments from this touchpoint's customers that show the problem: choose Link comments below and search for them."
            : "The touchpoint's owner can link customers' comments that show the problem this initiative addresses."}
        </EmptyState>
      ) : (
        <ul className="plain-list" aria-label="Linked comments">
          {evidence.map((item) => (
            <li key={item.responseId} className="verbatim section-head">
              <div>
                <blockquote>“{item.comment}”</blockquote>
                <div className="muted" style={{ fontSize: 12 }}>
                  {[formatDate(item.respondedAt), formatAnswers(item)].filter(Boolean).join(" · ")} · linked by {item.linkedByName ?? "someone"} on{" "}
                  {formatDate(item.linkedAt)}
                </div>
              </div>
              {canEdit ? <UnlinkEvidence initiativeId={initiativeId} responseId={item.responseId} comment={item.comment ?? ""} /> : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? <EvidencePicker initiativeId={initiativeId} /> : null}
    </section>
  );
}
