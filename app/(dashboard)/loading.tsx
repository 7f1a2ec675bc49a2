// Shown while a dashboard page's data loads (server components stream in behind it).
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="loading">
      <div className="skeleton" style={{ width: "40%", height: 26 }} />
      <div className="skeleton" style={{ width: "70%", height: 14, marginTop: 10 }} />
      <div className="tiles" style={{ marginTop: 20 }}>
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="card skeleton" style={{ height: 110 }} />
        ))}
      </div>
      <span className="muted">Loading scores…</span>
    </div>
  );
}
