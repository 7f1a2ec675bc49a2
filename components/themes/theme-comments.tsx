"use client";
// The customers' words behind one theme in a scope and period, newest first and paged, the theme's words
// highlighted; personal data only where the server sent it (admins, owners on their own touchpoints).
import { useInfiniteQuery } from "@tanstack/react-query";
import type { RouterInputs, RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc-client";
import { formatAnswers, formatDate, formatNumber } from "../format";
import { HighlightedComment } from "./highlighted-comment";

type Query = Omit<RouterInputs["themes"]["comments"], "cursor" | "limit">;
type Row = RouterOutputs["themes"]["comments"]["rows"][number];

const PAGE = 50;

const sentimentWords: Record<Row["sentiment"], string> = {
  negative: "reads negative",
  neutral: "reads neutral",
  positive: "reads positive",
  not_analysed: "sentiment not analysed (not English)",
};

function Comment({ row }: { row: Row }) {
  const person = [row.respondentName, row.respondentEmail ? `<${row.respondentEmail}>` : null].filter(Boolean).join(" ");
  return (
    <div className="verbatim">
      <blockquote>
        “<HighlightedComment comment={row.comment ?? ""} spans={row.spans} />”
      </blockquote>
      <div className="muted" style={{ fontSize: 12 }}>
        {[formatDate(row.respondedAt), row.touchpointName, sentimentWords[row.sentiment], formatAnswers(row), person].filter(Boolean).join(" · ")}
      </div>
    </div>
  );
}

export function ThemeComments({ query, themeName }: { query: Query; themeName: string }) {
  const trpc = useTRPC();
  // Keyset pages on time and id: nothing skipped or repeated while comments arrive.
  const comments = useInfiniteQuery(
    trpc.themes.comments.infiniteQueryOptions({ ...query, limit: PAGE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const first = comments.data?.pages[0];
  const rows = comments.data?.pages.flatMap((page) => page.rows) ?? [];
  if (comments.isPending)
    return (
      <p className="muted" role="status">
        Loading the comments about {themeName}…
      </p>
    );
  if (comments.isError)
    return (
      <p className="error" role="alert">
        The comments could not be loaded: {comments.error.message}
      </p>
    );
  if (first?.hidden) return <p className="empty">{first.reason}</p>;
  if (rows.length === 0) return <p className="empty">No comment about {themeName} in this period.</p>;
  const total = first?.total ?? rows.length;
  return (
    <div data-testid="theme-comments">
      <p className="muted">
        Showing {formatNumber(rows.length)} of {formatNumber(total)} {total === 1 ? "comment" : "comments"} about {themeName}, newest first. The words that put
        each comment under the theme are highlighted.
      </p>
      {rows.map((row) => (
        <Comment key={row.id} row={row} />
      ))}
      {comments.hasNextPage ? (
        <button type="button" onClick={() => void comments.fetchNextPage()} disabled={comments.isFetchingNextPage}>
          {comments.isFetchingNextPage ? "Loading…" : `Show ${PAGE} more`}
        </button>
      ) : null}
    </div>
  );
}
