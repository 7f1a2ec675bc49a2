// Shown while a setup page's data loads: a form-and-table outline rather than the dashboards' score tiles.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="loading">
      <div className="skeleton" style={{ width: "30%", height: 26 }} />
      <div className="skeleton" style={{ width: "60%", height: 14, marginTop: 10 }} />
      <div className="card skeleton" style={{ height: 150, marginTop: 20 }} />
      <div className="card skeleton" style={{ height: 260, marginTop: 16 }} />
      <span className="muted">Loading…</span>
    </div>
  );
}
