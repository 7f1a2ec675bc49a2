"use client";
// The customers' own words, searchable and filterable by answer band. Personal data appears only when the
// server sent it (admins, and the touchpoint's own owner).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DownloadCsv } from "@/components/dashboard/download-csv";
import { formatAnswers, formatDate } from "@/components/format";
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

export function Verbatims({ touchpointId, from, to }: { touchpointId: number; from: string; to: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [band, setBand] = useState<Band | "">("");
  const query = useQuery(trpc.dashboard.verbatims.queryOptions({ touchpointId, from, to, search: search || undefined, band: band || undefined, limit: 50 }));
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
      ) : query.data.hidden ? (
        <p className="empty">{query.data.reason}</p>
      ) : query.data.rows.length === 0 ? (
        <p className="empty">No comments match. Try another search or answer band.</p>
      ) : (
        <div className="card" data-testid="verbatims">
          <p className="muted">
            Latest {query.data.rows.length} comments, newest first.
            <DownloadCsv
              fileName={`comments ${from} ${to}.csv`}
              rows={query.data.rows.map((row) => ({
                responded_at: new Date(row.respondedAt).toISOString(),
                nps: row.nps,
                csat: row.csat,
                ces: row.ces,
                comment: row.comment,
                ...(row.respondentEmail !== undefined ? { respondent_name: row.respondentName, respondent_email: row.respondentEmail } : {}),
              }))}
            />
          </p>
          {query.data.rows.map((row) => (
            <div key={row.id} className="verbatim">
              <blockquote>“{row.comment}”</blockquote>
              <div className="muted" style={{ fontSize: 12 }}>
                {[formatDate(row.respondedAt), formatAnswers(row)].filter(Boolean).join(" · ")}
                {row.respondentName || row.respondentEmail ? ` · ${row.respondentName ?? ""} ${row.respondentEmail ? `<${row.respondentEmail}>` : ""}` : ""}
              </div>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
