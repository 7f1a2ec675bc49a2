// The one progress bar: a native <progress> (announced by screen readers) with what is happening in words.
export function ProgressBar({ label, fraction, detail }: { label: string; fraction: number | null; detail?: string }) {
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress-label">
        <span>{label}</span>
        {fraction == null ? null : <span>{Math.round(fraction * 100)}%</span>}
      </div>
      {/* No value: an indeterminate bar while the size of the work is not known yet (XLSX). */}
      <progress aria-label={label} max={1} value={fraction ?? undefined} />
      {detail ? <div className="muted progress-detail">{detail}</div> : null}
    </div>
  );
}
