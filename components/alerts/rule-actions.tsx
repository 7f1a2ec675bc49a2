"use client";
// What an admin does to a listed alert rule (pause or resume, edit, delete after confirming: a rule that raised
// alerts is refused in the domain's words, with pausing offered instead) and "Run alerts now" with what it did.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { countOf } from "@/components/format";
import { useTRPC } from "@/lib/trpc-client";
import { escalationText } from "./labels";
import type { AlertRuleRow } from "./rule-text";

export function RuleActions({ rule, alertsRaised }: { rule: Pick<AlertRuleRow, "id" | "name" | "active">; alertsRaised: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const setActive = useMutation(trpc.alerts.setRuleActive.mutationOptions());
  const remove = useMutation(trpc.alerts.deleteRule.mutationOptions());
  const [open, setOpen] = useState(false);
  const close = () => {
    dialog.current?.close();
    setOpen(false);
  };
  const changeActive = (active: boolean) =>
    setActive.mutate(
      { id: rule.id, active },
      {
        onSuccess: () => {
          close();
          router.refresh();
        },
      },
    );
  return (
    <span className="retire">
      <button
        type="button"
        disabled={setActive.isPending}
        aria-label={`${rule.active ? "Pause" : "Resume"} ${rule.name}`}
        onClick={() => changeActive(!rule.active)}
      >
        {rule.active ? "Pause" : "Resume"}
      </button>{" "}
      <Link href={`/admin/alert-rules?edit=${rule.id}#rule-form`} className="button" aria-label={`Edit ${rule.name}`}>
        Edit
      </Link>{" "}
      <button
        type="button"
        className="danger"
        aria-label={`Delete ${rule.name}…`}
        onClick={() => {
          remove.reset();
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Delete…
      </button>
      {setActive.error && !open ? (
        <span role="alert" className="error" style={{ display: "block" }}>
          {setActive.error.message}
        </span>
      ) : null}
      <dialog ref={dialog} aria-labelledby={titleId} onClose={() => setOpen(false)} className="confirm-dialog">
        <h2 id={titleId}>Delete the rule “{rule.name}”?</h2>
        <p>
          {alertsRaised > 0
            ? `It has raised ${countOf(alertsRaised, "alert")}. A rule that raised alerts is kept so its cases still say why they were opened: pause it instead.`
            : "It has raised no alerts. Deleting it cannot be undone; pausing it keeps it for later."}
        </p>
        {remove.error || setActive.error ? (
          <p role="alert" className="error">
            {(remove.error ?? setActive.error)!.message}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={close} autoFocus>
            Cancel
          </button>
          {rule.active ? (
            <button type="button" className="primary" disabled={setActive.isPending} onClick={() => changeActive(false)}>
              Pause instead
            </button>
          ) : null}
          <button
            type="button"
            className="danger primary"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(
                { id: rule.id },
                {
                  onSuccess: () => {
                    close();
                    router.refresh();
                  },
                },
              )
            }
          >
            {remove.isPending ? "Deleting…" : "Delete the rule"}
          </button>
        </div>
      </dialog>
    </span>
  );
}

/** Evaluate every active rule and escalate what is overdue, now, as the hourly run does; then say what it did. */
export function RunAlertsButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const run = useMutation(trpc.alerts.run.mutationOptions({ onSuccess: () => router.refresh() }));
  const result = run.data;
  return (
    <div className="actions">
      <button type="button" disabled={run.isPending} onClick={() => run.mutate()}>
        {run.isPending ? "Running…" : "Run alerts now"}
      </button>
      <div role="status">
        {result ? (
          <>
            <p>
              {result.created.length ? `Raised ${countOf(result.created.length, "new alert")}` : "No new alerts"}
              {result.existing ? `; ${countOf(result.existing, "finding")} already had ${result.existing === 1 ? "its" : "their"} alert` : ""}
              {result.escalated.length ? `; escalated ${countOf(result.escalated.length, "overdue alert")}` : "; nothing was overdue"}. Detractors&apos; words
              are read as each import arrives, not by this run.
            </p>
            {result.created.length ? (
              <ul>
                {result.created.map((alert) => (
                  <li key={alert.id}>
                    <Link href={`/alerts/${alert.id}`}>{alert.title}</Link>
                  </li>
                ))}
              </ul>
            ) : null}
            {result.escalated.length ? (
              <ul aria-label="Escalated">
                {result.escalated.map((step) => (
                  <li key={`${step.alertId}-${step.level}`}>
                    <Link href={`/alerts/${step.alertId}`}>{step.title}</Link> — {escalationText(step.level)}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </div>
      {run.error ? (
        <p role="alert" className="error">
          {run.error.message}
        </p>
      ) : null}
    </div>
  );
}
