"use client";
// The customers' own words, searchable and filterable by answer band. Personal data appears only when the
// server sent it (admins, and the touchpoint's own owner).
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatAnswers, formatDate, formatNumber } from "@/components/format";
import { useTRPC } from "@/lib/trpc-client";

const bands = [
  ["", "All answers"],
  ["promoters", "NPS promoters (9–10)"],
  ["passives", "NPS passives (7–8)"],
  ["detractors", "NPS detractors (0–6)"],
  ["satisfied", "CSAT 4–5"],
  ["neutral", "CSAT 3"],
  ["dissatisfied", "CSAT 1–2"],
] as const;

type Band = Exclude<(typeof bands)[number][0], "">;

export function Verbatims({ touchpointId, from, to, location }: { touchpointId: number; from: string; to: string; location?: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [band, setBand] = useState<Band | "">("");
  const input = { touchpointId, from, to, location, search: search || undefined, band: band || undefined, limit: 50 };
  // Pages through every comment of the period, newest first (keyset on time and id: nothing skipped or repeated).
  const query = useInfiniteQuery(trpc.dashboard.verbatims.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const first = query.data?.pages[0];
  const rows = query.data?.pages.flatMap((page) => page.rows) ?? [];
  const csvHref = `/api/touchpoints/${touchpointId}/comments?${new URLSearchParams({ from, to, ...(location ? { location } : {}), ...(search ? { search } : {}), ...(band ? { band } : {}) })}`;
  return (
    <section aria-labelledby="verbatims-heading">
      <h2 id="verbatims-heading">What customers said</h2>
      <div className="filters verbatim-filters card">
        <div style={{ flex: 1 }}>
          <label htmlFor="verbatim-search">Search comments</label>
          <input id="verbatim-search" type="text" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. charge, cold, wait" />
        </div>
        <div>
          <label htmlFor="verbatim-band">Answer</label>
          <select id="verbatim-band" value={band} onChange={(e) => setBand(e.target.value as Band | "")}>
            {bands.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {query.isPending ? (
        <p className="muted" role="status">
          Loading comments…
        </p>
      ) : query.isError ? (
        <p className="error" role="alert">
          Comments could not be loaded: {query.error.message}
        </p>
      ) : first?.hidden ? (
        <p className="empty">{first.reason}</p>
      ) : rows.length === 0 ? (
        <p className="empty">No comments match. Try another search or answer band.</p>
      ) : (
        <div className="card" data-testid="verbatims">
          <p className="muted">
            Showing {formatNumber(rows.length)} of {formatNumber(first?.total ?? rows.length)} {first?.total === 1 ? "comment" : "comments"}, newest first.{" "}
            <a className="button-link" href={csvHref} download>
              Download all {formatNumber(first?.total ?? rows.length)} as CSV
            </a>
          </p>
          {rows.map((row) => (
            <div key={row.id} className="verbatim">
              <blockquote>“{row.comment}”</blockquote>
              <div className="muted" style={{ fontSize: 12 }}>
                {[formatDate(row.respondedAt), formatAnswers(row)].filter(Boolean).join(" · ")}
                {row.respondentName || row.respondentEmail ? ` · ${row.respondentName ?? ""} ${row.respondentEmail ? `<${row.respondentEmail}>` : ""}` : ""}
              </div>
            </div>
          ))}
          {query.hasNextPage ? (
            <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
              {query.isFetchingNextPage ? "Loading…" : "Show 50 more"}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
