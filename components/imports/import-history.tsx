"use client";
// Every import batch, newest first: who, when, which file, the counts, its status (a failed attempt with its
// reason), and a revert button that asks first and says what reverting does.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { formatDateTime, formatNumber, countOf } from "@/components/format";
import { useTRPC } from "@/lib/trpc-client";
import type { ImportHistoryRow } from "@/server/imports/history";

function RevertButton({ batch }: { batch: ImportHistoryRow }) {
  const trpc = useTRPC();
  const router = useRouter();
  const revert = useMutation(trpc.imports.revert.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <>
      <button
        type="button"
        disabled={revert.isPending}
        aria-label={`Revert import ${batch.id} (${batch.fileName})`}
        onClick={() => {
          const question = `Revert import ${batch.id} (${batch.fileName})? Its ${countOf(batch.rowsImported ?? 0, "response")} leave every dashboard and score; the batch stays in this history as reverted.`;
          if (window.confirm(question)) revert.mutate({ batchId: batch.id });
        }}
      >
        {revert.isPending ? "Reverting…" : "Revert"}
      </button>
      {revert.error ? (
        <span role="alert" className="bad-text" style={{ display: "block" }}>
          {revert.error.message}
        </span>
      ) : null}
    </>
  );
}

export function ImportHistory({ batches }: { batches: ImportHistoryRow[] }) {
  if (batches.length === 0) {
    return <EmptyState title="No imports yet">Upload a survey export above; each import appears here with its counts and can be reverted.</EmptyState>;
  }
  return (
    <div className="table-scroll">
      <table className="data" aria-label="Import history">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">File</th>
            <th scope="col">Who, when (UTC)</th>
            <th scope="col" className="num">
              Read
            </th>
            <th scope="col" className="num">
              Imported
            </th>
            <th scope="col" className="num">
              Skipped
            </th>
            <th scope="col" className="num">
              Rejected
            </th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id}>
              <td className="num">{b.id}</td>
              <td>
                {b.fileName}
                <div className="muted">
                  {b.sourceFormat} · {b.kind === "contacts" ? "service contacts" : "survey responses"}
                </div>
              </td>
              <td>
                {b.createdBy ?? <span className="muted">API or CLI</span>}
                <div className="muted">{formatDateTime(b.createdAt)}</div>
              </td>
              <td className="num">{formatNumber(b.rowsRead)}</td>
              <td className="num">{formatNumber(b.rowsImported)}</td>
              <td className="num">{formatNumber(b.rowsSkipped)}</td>
              <td className="num">{formatNumber(b.rowsRejected)}</td>
              <td>
                <span className={`tag status-${b.status}`}>{b.status}</span>
                {b.decision === "valid_only" ? <div className="muted">valid rows only</div> : null}
                {b.status === "failed" && b.failureReason ? <div className="muted">{b.failureReason}</div> : null}
                {b.revertedAt ? (
                  <div className="muted">
                    by {b.revertedBy ?? "CLI"}, {formatDateTime(b.revertedAt)}
                  </div>
                ) : null}
              </td>
              <td>{b.status === "imported" ? <RevertButton batch={b} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
