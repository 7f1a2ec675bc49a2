"use client";
// Edit an initiative in place: status, progress, aim (a score, or the contacts caused), dates, target. The save
// names the version it was opened at; if someone saved since, the server refuses and says to reload.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { initiativeStatuses, type InitiativeAim, type InitiativeStatus } from "@/lib/enums";
import { useTRPC } from "@/lib/trpc-client";
import { DateField } from "@/components/date-field";
import { statusLabel } from "./status";
import type { RouterOutputs } from "@/lib/router-types";

/** The fields the editor changes, as `initiatives.forEdit` returns them. */
export type EditableInitiative = Pick<
  RouterOutputs["initiatives"]["forEdit"],
  "id" | "version" | "title" | "problem" | "status" | "percentComplete" | "startDate" | "dueDate" | "target" | "aim"
>;

/** What each aim reads as in the forms. */
export const aimLabel: Record<InitiativeAim, string> = { score: "Raise the score", contacts: "Reduce the contacts it causes downstream" };

export function InitiativeEditor({ initiative }: { initiative: EditableInitiative }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [draft, setDraft] = useState(initiative);
  const save = useMutation(trpc.initiatives.update.mutationOptions({ onSuccess: () => router.refresh() }));
  const set = <K extends keyof EditableInitiative>(key: K, value: EditableInitiative[K]) => setDraft({ ...draft, [key]: value });
  return (
    <form
      className="card editor"
      aria-label="Edit the initiative"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({
          id: initiative.id,
          version: initiative.version,
          title: draft.title,
          problem: draft.problem || null,
          status: draft.status,
          percentComplete: draft.percentComplete,
          startDate: draft.startDate || null,
          dueDate: draft.dueDate || null,
          target: draft.target,
          aim: draft.aim,
        });
      }}
    >
      <h2>Edit</h2>
      <label htmlFor={`${id}-title`}>Title</label>
      <input id={`${id}-title`} type="text" value={draft.title} onChange={(e) => set("title", e.target.value)} required />
      <label htmlFor={`${id}-problem`}>The problem it addresses</label>
      <textarea id={`${id}-problem`} rows={3} value={draft.problem ?? ""} onChange={(e) => set("problem", e.target.value)} />
      <div className="editor-row">
        <div>
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={draft.status} onChange={(e) => set("status", e.target.value as InitiativeStatus)}>
            {initiativeStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-percent`}>Complete (%)</label>
          <input
            id={`${id}-percent`}
            type="number"
            min={0}
            max={100}
            value={draft.percentComplete}
            onChange={(e) => set("percentComplete", Number(e.target.value))}
          />
        </div>
        <div>
          <label htmlFor={`${id}-aim`}>Aim</label>
          <select id={`${id}-aim`} value={draft.aim} onChange={(e) => set("aim", e.target.value as InitiativeAim)}>
            {(Object.keys(aimLabel) as InitiativeAim[]).map((aim) => (
              <option key={aim} value={aim}>
                {aimLabel[aim]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-target`}>{draft.aim === "contacts" ? "Target contacts a month" : "Target score"}</label>
          <input
            id={`${id}-target`}
            type="number"
            step="any"
            min={draft.aim === "contacts" ? 0 : undefined}
            value={draft.target ?? ""}
            onChange={(e) => set("target", e.target.value === "" ? null : Number(e.target.value))}
          />
        </div>
        <DateField id={`${id}-start`} label="Start" value={draft.startDate} onChange={(day) => set("startDate", day)} />
        <DateField id={`${id}-due`} label="Due" value={draft.dueDate} onChange={(day) => set("dueDate", day)} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save changes"}
        </button>
        {save.isSuccess ? (
          <span role="status" className="good-text">
            Saved.
          </span>
        ) : null}
      </div>
      {save.error ? (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      ) : null}
    </form>
  );
}
