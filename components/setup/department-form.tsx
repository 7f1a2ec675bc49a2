"use client";
// Create a department, or edit one in a dialog: name, what it does, and its head. The server refuses a
// name that is taken and says so here; nothing typed is lost on a refusal.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useTRPC } from "@/lib/trpc-client";
import type { RouterInputs, RouterOutputs } from "@/lib/router-types";

/** The form's state: what `setup.createDepartment` takes, and the id when editing. */
export type DepartmentDraft = RouterInputs["setup"]["createDepartment"] & { id?: number };

/** Someone who can head a department. */
export type PersonChoice = Pick<RouterOutputs["setup"]["touchpointChoices"]["owners"][number], "id" | "name">;

function DepartmentFields({ draft, people, onChange }: { draft: DepartmentDraft; people: PersonChoice[]; onChange: (draft: DepartmentDraft) => void }) {
  const id = useId();
  return (
    <div className="editor-row" style={{ gridTemplateColumns: "minmax(200px, 2fr) minmax(160px, 1fr)" }}>
      <div>
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} type="text" required maxLength={200} value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} />
      </div>
      <div>
        <label htmlFor={`${id}-head`}>Head</label>
        <select
          id={`${id}-head`}
          value={draft.headUserId ?? ""}
          onChange={(e) => onChange({ ...draft, headUserId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">No head</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div style={{ gridColumn: "1 / -1" }}>
        <label htmlFor={`${id}-description`}>What it does</label>
        <input
          id={`${id}-description`}
          type="text"
          maxLength={2000}
          value={draft.description ?? ""}
          onChange={(e) => onChange({ ...draft, description: e.target.value })}
        />
      </div>
    </div>
  );
}

export function NewDepartmentForm({ people }: { people: PersonChoice[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const empty: DepartmentDraft = { name: "", description: null, headUserId: null };
  const [draft, setDraft] = useState(empty);
  const create = useMutation(
    trpc.setup.createDepartment.mutationOptions({
      onSuccess: () => {
        setDraft(empty);
        router.refresh();
      },
    }),
  );
  return (
    <form
      className="card editor"
      aria-label="New department"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ name: draft.name, description: draft.description, headUserId: draft.headUserId });
      }}
    >
      <h2>New department</h2>
      <DepartmentFields draft={draft} people={people} onChange={setDraft} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add department"}
        </button>
        {create.isSuccess ? (
          <span role="status" className="good-text">
            Added {create.data.name}.
          </span>
        ) : null}
      </div>
      {create.error ? (
        <p role="alert" className="error">
          {create.error.message}
        </p>
      ) : null}
    </form>
  );
}

export function EditDepartmentButton({ department, people }: { department: Required<DepartmentDraft>; people: PersonChoice[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [draft, setDraft] = useState<DepartmentDraft>(department);
  const update = useMutation(trpc.setup.updateDepartment.mutationOptions());
  return (
    <>
      <button
        type="button"
        aria-label={`Edit ${department.name}`}
        onClick={() => {
          setDraft(department);
          update.reset();
          dialog.current?.showModal();
        }}
      >
        Edit
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="confirm-dialog">
        <form
          className="editor"
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate(
              { id: department.id, name: draft.name, description: draft.description, headUserId: draft.headUserId },
              {
                onSuccess: () => {
                  dialog.current?.close();
                  router.refresh();
                },
              },
            );
          }}
        >
          <h2 id={titleId}>Edit {department.name}</h2>
          <DepartmentFields draft={draft} people={people} onChange={setDraft} />
          {update.error ? (
            <p role="alert" className="error">
              {update.error.message}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={update.isPending}>
              {update.isPending ? "Saving…" : "Save"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
