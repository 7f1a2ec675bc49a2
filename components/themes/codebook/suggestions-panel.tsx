"use client";
// Suggested themes: phrases in the latest comments that no theme covers and that are frequent, or rising among
// detractors (two-proportion test), with examples and "Add as theme", which fills the form with the phrase.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId } from "react";
import { EmptyState } from "@/components/empty-state";
import { countOf, describeProportion, describeProportionChange, formatNumber, formatPeriod } from "@/components/format";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc-client";

type Suggestions = RouterOutputs["themeCodebook"]["suggestions"];
type Suggestion = Suggestions["suggestions"][number];

const reasonText: Record<Suggestion["reasons"][number], string> = {
  frequent: "Frequent",
  rising_among_detractors: "Rising among detractors",
};

function ReadSummary({ found }: { found: Suggestions }) {
  const part = (p: Suggestions["now"]) =>
    `${p.read < p.available ? `the latest ${formatNumber(p.read)} of ${countOf(p.available, "comment")}` : countOf(p.read, "comment")} (${formatNumber(p.detractorComments)} from detractors), ${formatPeriod(p.period)}`;
  return (
    <p className="muted">
      Read {part(found.now)}, against {part(found.before)}. At most {formatNumber(found.cap)} comments are read per period; a phrase needs at least{" "}
      {countOf(found.minComments, "comment")} to be suggested.
    </p>
  );
}

function SuggestionRow({ suggestion }: { suggestion: Suggestion }) {
  const { phrase, now, before } = suggestion;
  return (
    <tr>
      <th scope="row">
        {phrase}
        <div className="muted">{suggestion.reasons.map((r) => reasonText[r]).join(" · ")}</div>
      </th>
      <td className="num">{formatNumber(now.comments)}</td>
      <td className="num">{formatNumber(before.comments)}</td>
      <td className="num">{describeProportion(now.detractorShare, "detractor comments")}</td>
      <td className="num">{describeProportion(before.detractorShare, "detractor comments")}</td>
      <td>{describeProportionChange(suggestion.detractorShareChange)}</td>
      <td>
        <details>
          <summary>{countOf(suggestion.examples.length, "example")}</summary>
          <ul>
            {suggestion.examples.map((example) => (
              <li key={example.id}>
                “{example.comment}” <span className="muted">— {example.touchpoint.name}</span>
              </li>
            ))}
          </ul>
        </details>
      </td>
      <td className="row-actions">
        <Link href={`/admin/themes?add=${encodeURIComponent(phrase)}#theme-form`} className="button" aria-label={`Add “${phrase}” as a theme`}>
          Add as theme
        </Link>
      </td>
    </tr>
  );
}

export function SuggestionsPanel() {
  const trpc = useTRPC();
  const id = useId();
  // Reading thousands of comments takes a moment: kept for five minutes, and refreshed when the codebook changes.
  const query = useQuery({ ...trpc.themeCodebook.suggestions.queryOptions(), staleTime: 5 * 60_000 });
  const found = query.data;
  return (
    <section className="card" aria-labelledby={`${id}-title`} aria-busy={query.isPending}>
      <h2 id={`${id}-title`}>Suggested themes</h2>
      <p className="muted">
        Phrases of one to three words ending in a noun that no theme&apos;s words cover, and that are frequent in the latest comments, or whose share among
        detractors&apos; comments (NPS 0–6 or CSAT 1–2) rose significantly against the period before (two-proportion test, p &lt; 0.05).
      </p>
      {query.isPending ? <p role="status">Reading the latest comments…</p> : null}
      {query.error ? (
        <p role="alert" className="error">
          {query.error.message}
        </p>
      ) : null}
      {found ? (
        <>
          <ReadSummary found={found} />
          {found.suggestions.length === 0 ? (
            <EmptyState title="No new themes to suggest">
              <p>
                {found.now.read === 0
                  ? "There are no comments in the period yet: import responses with comments, and phrases worth a theme appear here."
                  : "Every frequent phrase is covered by a theme, and none rose significantly among detractors."}
              </p>
            </EmptyState>
          ) : (
            <div className="table-scroll">
              <table className="data">
                <caption className="visually-hidden">{countOf(found.suggestions.length, "suggested theme")}</caption>
                <thead>
                  <tr>
                    <th scope="col">Phrase</th>
                    <th scope="col" className="num">
                      Comments
                    </th>
                    <th scope="col" className="num">
                      Comments before
                    </th>
                    <th scope="col" className="num">
                      Share among detractors
                    </th>
                    <th scope="col" className="num">
                      Before
                    </th>
                    <th scope="col">Change among detractors</th>
                    <th scope="col">Examples</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {found.suggestions.map((s, i) => (
                    <SuggestionRow key={`${i}-${s.phrase}`} suggestion={s} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
