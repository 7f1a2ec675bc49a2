"use client";
// Where an initiative's owner (or an admin) picks the customers' comments that show the problem: the
// touchpoint's comments, searchable and a page at a time, each with Link or Unlink; the page re-reads after each.
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { formatAnswers, formatDate } from "@/components/format";
import { useTRPC } from "@/lib/trpc-client";

/** Link or unlink one comment, then refresh both the server-rendered evidence and the picker's marks. */
function useEvidenceChange() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [done, setDone] = useState("");
  const onSuccess = (result: { linked: boolean }) => {
    setDone(result.linked ? "Comment linked as evidence." : "Comment unlinked.");
    void queryClient.invalidateQueries({ queryKey: trpc.initiatives.evidenceCandidates.pathKey() });
    router.refresh();
  };
  const link = useMutation(trpc.initiatives.linkEvidence.mutationOptions({ onSuccess }));
  const unlink = useMutation(trpc.initiatives.unlinkEvidence.mutationOptions({ onSuccess }));
  const pendingId = link.isPending ? link.variables?.responseId : unlink.isPending ? unlink.variables?.responseId : undefined;
  return { link, unlink, pendingId, error: link.error ?? unlink.error, done };
}

/** The visible word stays first in the accessible name ("Link as evidence: …"), so voice control finds it. */
function ToggleButton({ linked, comment, pending, onClick }: { linked: boolean; comment: string; pending: boolean; onClick: () => void }) {
  return (
    <button type="button" className={linked ? undefined : "primary"} disabled={pending} onClick={onClick}>
      {pending ? (linked ? "Unlinking…" : "Linking…") : linked ? "Unlink" : "Link"}
      <span className="visually-hidden">{` as evidence: “${comment}”`}</span>
    </button>
  );
}

export function EvidencePicker({ initiativeId }: { initiativeId: number }) {
  const trpc = useTRPC();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const searchBox = useRef<HTMLInputElement>(null);
  const change = useEvidenceChange();
  const candidates = useInfiniteQuery(
    trpc.initiatives.evidenceCandidates.infiniteQueryOptions(
      { initiativeId, search: search.trim() || undefined },
      // The previous results stay while a new search loads, so the list does not flash on every keystroke.
      { enabled: open, getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  useEffect(() => {
    if (open) searchBox.current?.focus();
  }, [open]);
  const rows = candidates.data?.pages.flatMap((page) => page.rows) ?? [];
  return (
    <div style={{ marginTop: 12 }}>
      <button type="button" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
        {open ? "Close the comments" : "Link comments"}
      </button>
      <p role="status" className="visually-hidden">
        {change.done}
      </p>
      {open ? (
        <div id={`${id}-panel`} className="card" style={{ marginTop: 8 }}>
          <label htmlFor={`${id}-search`}>Search the touchpoint&apos;s comments</label>
          <input
            ref={searchBox}
            id={`${id}-search`}
            type="text"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="e.g. charge, cold, wait"
          />
          {change.error ? (
            <p role="alert" className="error">
              {change.error.message}
            </p>
          ) : null}
          {candidates.isPending ? (
            <p className="muted" role="status">
              Loading comments…
            </p>
          ) : candidates.isError ? (
            <p className="error" role="alert">
              Comments could not be loaded: {candidates.error.message}
            </p>
          ) : rows.length === 0 ? (
            <p className="empty">{search.trim() ? "No comments match. Try another word." : "This touchpoint has no comments yet."}</p>
          ) : (
            <>
              <p className="muted">Newest first; {rows.length} shown.</p>
              <ul className="plain-list" aria-label="The touchpoint's comments">
                {rows.map((row) => (
                  <li key={row.id} className="verbatim section-head">
                    <div>
                      <blockquote>“{row.comment}”</blockquote>
                      <div className="muted" style={{ fontSize: 12 }}>
                        {[formatDate(row.respondedAt), formatAnswers(row), row.linked ? "linked" : ""].filter(Boolean).join(" · ")}
                      </div>
                    </div>
                    <ToggleButton
                      linked={row.linked}
                      comment={row.comment ?? ""}
                      pending={change.pendingId === row.id}
                      onClick={() => (row.linked ? change.unlink : change.link).mutate({ initiativeId, responseId: row.id })}
                    />
                  </li>
                ))}
              </ul>
              {candidates.hasNextPage ? (
                <button type="button" style={{ marginTop: 8 }} disabled={candidates.isFetchingNextPage} onClick={() => void candidates.fetchNextPage()}>
                  {candidates.isFetchingNextPage ? "Loading more…" : "Show older comments"}
                </button>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** Unlink from the evidence list itself, without opening the picker. */
export function UnlinkEvidence({ initiativeId, responseId, comment }: { initiativeId: number; responseId: number; comment: string }) {
  const change = useEvidenceChange();
  return (
    <div>
      <ToggleButton linked comment={comment} pending={change.pendingId === responseId} onClick={() => change.unlink.mutate({ initiativeId, responseId })} />
      {change.error ? (
        <p role="alert" className="error">
          {change.error.message}
        </p>
      ) : null}
    </div>
  );
}
