"use client";
// When a page cannot load: say so plainly, offer a retry, and keep the navigation usable.
import { DATABASE_UNAVAILABLE_DIGEST, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/outage";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const badFilter = /period|YYYY-MM-DD|must not be after/i.test(error.message);
  if (error.digest === DATABASE_UNAVAILABLE_DIGEST) {
    return (
      <div className="empty" role="alert">
        <strong>The database is not answering</strong>
        <p>{DATABASE_UNAVAILABLE_MESSAGE}</p>
        <p>
          <button type="button" onClick={reset}>
            Try again
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="empty" role="alert">
      <strong>{badFilter ? "Those filters do not make a valid period" : "This page could not be loaded"}</strong>
      <p>
        {badFilter
          ? error.message
          : "Something went wrong while computing this view. Try again; if it keeps happening, give your admin the reference below: the server log holds the details under it."}
      </p>
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>{" "}
        <a href="?" className="button">
          Reset filters
        </a>
      </p>
      {error.digest ? <p className="muted">Reference: {error.digest}</p> : null}
    </div>
  );
}
