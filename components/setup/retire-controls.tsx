"use client";
// Deactivate, reactivate or delete a department, journey or touchpoint. Delete first shows what depends on
// it; where deleting would lose customers' data the dialog offers deactivation instead, and says why.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import type { SetupEntityKind } from "@/server/setup/schema";
import { useTRPC } from "@/lib/trpc-client";

interface Props {
  kind: SetupEntityKind;
  id: number;
  name: string;
  active: boolean;
  /** Where to go once it is deleted; the current page is refreshed when absent. */
  afterDelete?: string;
}

export function RetireControls({ kind, id, name, active, afterDelete }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const usage = useQuery({ ...trpc.setup.usage.queryOptions({ kind, id }), enabled: open, staleTime: 0 });
  const close = () => {
    dialog.current?.close();
    setOpen(false);
  };
  const setActive = useMutation(trpc.setup.setActive.mutationOptions());
  const remove = useMutation(trpc.setup.remove.mutationOptions());
  const changeActive = (to: boolean) =>
    setActive.mutate(
      { kind, id, active: to },
      {
        onSuccess: () => {
          close();
          router.refresh();
        },
      },
    );
  const deleteIt = () =>
    remove.mutate(
      { kind, id },
      {
        onSuccess: () => {
          close();
          if (afterDelete) router.push(afterDelete);
          else router.refresh();
        },
      },
    );
  const error = setActive.error ?? remove.error;

  return (
    <span className="retire">
      <button type="button" disabled={setActive.isPending} onClick={() => changeActive(!active)} aria-label={`${active ? "Deactivate" : "Reactivate"} ${name}`}>
        {active ? "Deactivate" : "Reactivate"}
      </button>{" "}
      <button
        type="button"
        className="danger"
        aria-label={`Delete ${name}…`}
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Delete…
      </button>
      {error && !open ? (
        <span role="alert" className="error" style={{ display: "block" }}>
          {error.message}
        </span>
      ) : null}
      <dialog ref={dialog} aria-labelledby={titleId} onClose={() => setOpen(false)} className="confirm-dialog">
        <h2 id={titleId}>Delete {name}?</h2>
        {usage.isPending ? <p className="muted">Checking what depends on it…</p> : null}
        {usage.error ? (
          <p role="alert" className="error">
            {usage.error.message}
          </p>
        ) : null}
        {usage.data ? (
          <>
            <p>It has:</p>
            <ul>
              {usage.data.dependants.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p>{usage.data.explanation}</p>
          </>
        ) : null}
        {error ? (
          <p role="alert" className="error">
            {error.message}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={close} autoFocus>
            Cancel
          </button>
          {usage.data && !usage.data.deletable && active ? (
            <button type="button" className="primary" disabled={setActive.isPending} onClick={() => changeActive(false)}>
              Deactivate instead
            </button>
          ) : null}
          {usage.data?.deletable ? (
            <button type="button" className="danger primary" disabled={remove.isPending} onClick={deleteIt}>
              {remove.isPending ? "Deleting…" : `Delete ${name}`}
            </button>
          ) : null}
        </div>
      </dialog>
    </span>
  );
}
