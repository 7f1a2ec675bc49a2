"use client";
// What the case's owner (or an admin) does next: acknowledge, start work, comment, close with the root cause and
// the action taken, or turn the case into an initiative. Each step is one mutation; the page then refreshes.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { AlertStatus } from "@/lib/alerts";
import { useTRPC } from "@/lib/trpc-client";

type ErrorLike = { message?: string; data?: { problems?: Array<{ field: string; message: string }> } | null };

export function CaseActions({ alertId, status, initiativeId }: { alertId: number; status: AlertStatus; initiativeId: number | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [note, setNote] = useState("");
  const [rootCause, setRootCause] = useState("");
  const [actionTaken, setActionTaken] = useState("");
  const [error, setError] = useState<ErrorLike | null>(null);
  const done = () => {
    setError(null);
    setNote("");
    router.refresh();
  };
  const options = { onSuccess: done, onError: (e: unknown) => setError(e as ErrorLike) };
  const acknowledge = useMutation(trpc.alerts.acknowledge.mutationOptions(options));
  const start = useMutation(trpc.alerts.start.mutationOptions(options));
  const comment = useMutation(trpc.alerts.comment.mutationOptions(options));
  const close = useMutation(trpc.alerts.close.mutationOptions(options));
  const initiative = useMutation(
    trpc.alerts.createInitiative.mutationOptions({
      onSuccess: (created) => router.push(`/initiatives/${created.id}`),
      onError: (e: unknown) => setError(e as ErrorLike),
    }),
  );
  const pending = acknowledge.isPending || start.isPending || comment.isPending || close.isPending || initiative.isPending;
  const problem = (field: string) => error?.data?.problems?.find((p) => p.field === field)?.message;
  const fieldError = (field: string) =>
    problem(field) ? (
      <p id={`${id}-${field}-problem`} className="field-error" role="alert">
        {problem(field)}
      </p>
    ) : null;
  const general = error && !error.data?.problems?.length ? error.message : undefined;
  if (status === "closed")
    return initiativeId ? null : (
      <p>
        <button type="button" disabled={pending} onClick={() => initiative.mutate({ id: alertId })}>
          Turn into an initiative
        </button>
      </p>
    );
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Act on this case</h2>
      <div className="actions-row">
        {status === "open" ? (
          <button type="button" className="primary" disabled={pending} onClick={() => acknowledge.mutate({ id: alertId, note: note || null })}>
            Acknowledge
          </button>
        ) : null}
        {status === "open" || status === "acknowledged" ? (
          <button type="button" disabled={pending} onClick={() => start.mutate({ id: alertId, note: note || null })}>
            Start work
          </button>
        ) : null}
        {initiativeId ? null : (
          <button type="button" disabled={pending} onClick={() => initiative.mutate({ id: alertId })}>
            Turn into an initiative
          </button>
        )}
      </div>
      <label htmlFor={`${id}-note`}>Comment</label>
      <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Who you called, what you found" />
      <button type="button" disabled={pending || !note.trim()} onClick={() => comment.mutate({ id: alertId, note })}>
        Add comment
      </button>
      <form
        aria-label="Close the case"
        onSubmit={(event) => {
          event.preventDefault();
          close.mutate({ id: alertId, rootCause: rootCause || null, actionTaken: actionTaken || null, note: note || null });
        }}
      >
        <h3>Close the case</h3>
        <label htmlFor={`${id}-rootCause`}>Root cause</label>
        <textarea
          id={`${id}-rootCause`}
          rows={2}
          value={rootCause}
          onChange={(e) => setRootCause(e.target.value)}
          aria-invalid={problem("rootCause") ? true : undefined}
          aria-describedby={problem("rootCause") ? `${id}-rootCause-problem` : undefined}
          placeholder="Why it happened"
        />
        {fieldError("rootCause")}
        <label htmlFor={`${id}-actionTaken`}>Action taken</label>
        <textarea
          id={`${id}-actionTaken`}
          rows={2}
          value={actionTaken}
          onChange={(e) => setActionTaken(e.target.value)}
          aria-invalid={problem("actionTaken") ? true : undefined}
          aria-describedby={problem("actionTaken") ? `${id}-actionTaken-problem` : undefined}
          placeholder="What was done, so it does not happen again"
        />
        {fieldError("actionTaken")}
        <button type="submit" className="primary" disabled={pending}>
          Close case
        </button>
      </form>
      {general ? (
        <p role="alert" className="error">
          {general}
        </p>
      ) : null}
    </section>
  );
}
