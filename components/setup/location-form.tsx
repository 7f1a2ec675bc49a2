"use client";
// Create a location, or edit one in a dialog: its code, name, kind, the region it sits in and its manager.
// The server refuses a taken code, a site without a region or a manager who cannot manage, and says why here.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { locationKinds, type LocationKind } from "@/lib/enums";
import { useTRPC } from "@/lib/trpc-client";
import type { RouterInputs } from "@/lib/router-types";
import { locationKindLabel } from "@/components/format";

/** The form's state: what `setup.createLocation` takes, and the id when editing. */
export type LocationDraft = Required<RouterInputs["setup"]["createLocation"]> & { id?: number };

/** A region a location can sit in, named by its path ("Europe › UK"); `ancestorIds` keeps a region out of itself. */
export interface RegionChoice {
  id: number;
  label: string;
  active: boolean;
  ancestorIds: number[];
}

/** Someone who can manage a location: an active owner or admin. */
export interface ManagerChoice {
  id: number;
  name: string;
}

const fieldLabel: Record<string, string> = { code: "Code", name: "Name", kind: "Kind", parentId: "Region", managerId: "Manager" };

/** The server's message with each field named as the form labels it: "Region: choose the region…", not "parentId: …". */
function inWords(message: string): string {
  return message.replace(/(^|; )(code|name|kind|parentId|managerId): /g, (_match, start: string, field: string) => `${start}${fieldLabel[field]}: `);
}

function LocationFields({
  draft,
  regions,
  people,
  managerName,
  onChange,
}: {
  draft: LocationDraft;
  regions: RegionChoice[];
  people: ManagerChoice[];
  /** The saved manager's name, shown when they can no longer be chosen (deactivated, or now an executive). */
  managerName?: string | null;
  onChange: (draft: LocationDraft) => void;
}) {
  const id = useId();
  const isSite = draft.kind === "site";
  // A region cannot sit in itself or in a region inside it; an inactive region stays listed only while chosen.
  const parents = regions.filter(
    (r) => (r.active || r.id === draft.parentId) && (draft.id === undefined || (r.id !== draft.id && !r.ancestorIds.includes(draft.id))),
  );
  const managerGone = draft.managerId !== null && !people.some((p) => p.id === draft.managerId);
  return (
    <>
      <div className="editor-row">
        <div>
          <label htmlFor={`${id}-code`}>Code</label>
          <input
            id={`${id}-code`}
            type="text"
            required
            maxLength={64}
            value={draft.code}
            onChange={(e) => onChange({ ...draft, code: e.target.value.toUpperCase() })}
            aria-describedby={`${id}-code-hint`}
          />
          <div id={`${id}-code-hint`} className="hint muted">
            Survey exports name the place by this code, e.g. a store id such as LDN-SOHO.
          </div>
        </div>
        <div>
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" required maxLength={200} value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} />
        </div>
        <div>
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={draft.kind} onChange={(e) => onChange({ ...draft, kind: e.target.value as LocationKind })}>
            {locationKinds.map((k) => (
              <option key={k} value={k}>
                {locationKindLabel[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="editor-row">
        <div>
          <label htmlFor={`${id}-region`}>Region</label>
          <select
            id={`${id}-region`}
            required={isSite}
            value={draft.parentId ?? ""}
            aria-describedby={`${id}-region-hint`}
            onChange={(e) => onChange({ ...draft, parentId: e.target.value ? Number(e.target.value) : null })}
          >
            {isSite ? (
              <option value="" disabled>
                Choose…
              </option>
            ) : (
              <option value="">None: a top-level region</option>
            )}
            {parents.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
                {r.active ? "" : " (inactive)"}
              </option>
            ))}
          </select>
          <div id={`${id}-region-hint`} className="hint muted">
            {isSite
              ? parents.length
                ? "Every site sits in a region."
                : "Every site sits in a region: add a region first."
              : "Optional: a region may sit in a larger one."}
          </div>
        </div>
        <div>
          <label htmlFor={`${id}-manager`}>Manager</label>
          <select
            id={`${id}-manager`}
            value={draft.managerId ?? ""}
            aria-describedby={`${id}-manager-hint`}
            onChange={(e) => onChange({ ...draft, managerId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">No manager</option>
            {managerGone ? <option value={draft.managerId ?? ""}>{managerName ?? "Current manager"} (not an active owner or admin)</option> : null}
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <div id={`${id}-manager-hint`} className="hint muted">
            Owners and admins can manage a location.
          </div>
        </div>
      </div>
    </>
  );
}

function valuesOf(draft: LocationDraft) {
  return { code: draft.code, name: draft.name, kind: draft.kind, parentId: draft.parentId, managerId: draft.managerId };
}

export function NewLocationForm({ regions, people }: { regions: RegionChoice[]; people: ManagerChoice[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const empty: LocationDraft = { code: "", name: "", kind: regions.length ? "site" : "region", parentId: null, managerId: null };
  const [draft, setDraft] = useState(empty);
  const create = useMutation(
    trpc.setup.createLocation.mutationOptions({
      onSuccess: () => {
        // The kind and region stay as they were, so the next site of the same region is quick to add.
        setDraft((current) => ({ ...empty, kind: current.kind, parentId: current.parentId }));
        router.refresh();
      },
    }),
  );
  return (
    <form
      className="card editor"
      aria-label="New location"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(valuesOf(draft));
      }}
    >
      <h2>New location</h2>
      <LocationFields draft={draft} regions={regions} people={people} onChange={setDraft} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add location"}
        </button>
        {create.isSuccess ? (
          <span role="status" className="good-text">
            Saved {create.data.name}.
          </span>
        ) : null}
      </div>
      {create.error ? (
        <p role="alert" className="error">
          {inWords(create.error.message)}
        </p>
      ) : null}
    </form>
  );
}

export function EditLocationButton({
  location,
  managerName,
  regions,
  people,
}: {
  location: LocationDraft & { id: number };
  managerName: string | null;
  regions: RegionChoice[];
  people: ManagerChoice[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [draft, setDraft] = useState<LocationDraft>(location);
  const update = useMutation(trpc.setup.updateLocation.mutationOptions());
  return (
    <>
      <button
        type="button"
        aria-label={`Edit ${location.name}`}
        onClick={() => {
          setDraft(location);
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
              { id: location.id, ...valuesOf(draft) },
              {
                onSuccess: () => {
                  dialog.current?.close();
                  router.refresh();
                },
              },
            );
          }}
        >
          <h2 id={titleId}>Edit {location.name}</h2>
          <LocationFields draft={draft} regions={regions} people={people} managerName={managerName} onChange={setDraft} />
          {update.error ? (
            <p role="alert" className="error">
              {inWords(update.error.message)}
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
