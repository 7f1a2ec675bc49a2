"use client";
// The background re-tag after a codebook change: "Re-tagging history: 12,000 of 26,000 comments" as a progress bar,
// polled every two seconds while comments still carry an older codebook's tags; the page refreshes when it is done.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { formatNumber } from "@/components/format";
import { ProgressBar } from "@/components/progress-bar";
import { useTRPC } from "@/lib/trpc-client";
import type { CodebookList } from "./draft";

const POLL_MS = 2_000;

export function RetagProgress({ initial }: { initial: CodebookList["progress"] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const progress = useQuery({
    ...trpc.themeCodebook.progress.queryOptions(),
    initialData: initial,
    refetchInterval: (query) => ((query.state.data?.pending ?? 0) > 0 ? POLL_MS : false),
  });
  const { pending, comments, version } = progress.data;
  // When the last batch lands, the page's counts (read from the roll-ups) are current again.
  const wasPending = useRef(pending > 0);
  useEffect(() => {
    if (wasPending.current && pending === 0) router.refresh();
    wasPending.current = pending > 0;
  }, [pending, router]);

  if (pending === 0)
    return (
      <p role="status" className="muted">
        History is tagged with the current codebook (version {formatNumber(version)}
        {comments > 0 ? `, ${formatNumber(comments)} comments` : ""}).
      </p>
    );
  const all = Math.max(comments, pending);
  const done = all - pending;
  return (
    <ProgressBar
      label={`Re-tagging history: ${formatNumber(done)} of ${formatNumber(all)} comments`}
      fraction={all > 0 ? done / all : null}
      detail="The counts below follow as each batch commits; new imports are tagged with the current codebook at once."
    />
  );
}
