"use client";
// What an admin does to a listed theme: edit it in the form below, or delete it after confirming (pausing it keeps
// it for later). Either change re-tags history in the background.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { countOf } from "@/components/format";
import { useTRPC } from "@/lib/trpc-client";
import type { CodebookTheme } from "./draft";

export function ThemeActions({ theme, windowDays }: { theme: CodebookTheme; windowDays: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const remove = useMutation(trpc.themeCodebook.remove.mutationOptions());
  const pause = useMutation(trpc.themeCodebook.update.mutationOptions());
  const close = () => {
    dialog.current?.close();
    setOpen(false);
  };
  const done = () => {
    close();
    void queryClient.invalidateQueries({ queryKey: trpc.themeCodebook.pathKey() });
    router.refresh();
  };
  return (
    <span className="retire">
      <Link href={`/admin/themes?edit=${theme.id}#theme-form`} className="button" aria-label={`Edit ${theme.name}`}>
        Edit
      </Link>{" "}
      <button
        type="button"
        className="danger"
        aria-label={`Delete ${theme.name}…`}
        onClick={() => {
          remove.reset();
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Delete…
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} onClose={() => setOpen(false)} className="confirm-dialog">
        <h2 id={titleId}>Delete the theme “{theme.name}”?</h2>
        <p>
          {theme.comments > 0
            ? `${countOf(theme.comments, "comment")} of the last ${windowDays} days carry it. The comments stay; the theme's tags are taken off them in the background, and it leaves the themes views at once.`
            : `No comment of the last ${windowDays} days carries it.`}{" "}
          Deleting cannot be undone; pausing keeps the theme for later.
        </p>
        {open && (remove.error || pause.error) ? (
          <p role="alert" className="error">
            {(remove.error ?? pause.error)!.message}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={close} autoFocus>
            Cancel
          </button>
          {theme.active ? (
            <button
              type="button"
              className="primary"
              disabled={pause.isPending}
              onClick={() => {
                const { id, name, description, terms, touchpointCodes } = theme;
                pause.mutate({ id, name, description, terms, touchpointCodes, active: false }, { onSuccess: done });
              }}
            >
              Pause instead
            </button>
          ) : null}
          <button type="button" className="danger primary" disabled={remove.isPending} onClick={() => remove.mutate({ id: theme.id }, { onSuccess: done })}>
            {remove.isPending ? "Deleting…" : "Delete the theme"}
          </button>
        </div>
      </dialog>
    </span>
  );
}
