// Shown while Experience › Themes reads its roll-ups: the filters, the themes table and the trend keep their place.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="loading">
      <div className="skeleton" style={{ width: "30%", height: 26 }} />
      <div className="skeleton" style={{ width: "70%", height: 14, marginTop: 10 }} />
      <div className="card skeleton" style={{ height: 64, marginTop: 20 }} />
      <div className="card skeleton" style={{ height: 320, marginTop: 16 }} />
      <div className="card skeleton" style={{ height: 260, marginTop: 16 }} />
      <span className="muted">Loading themes…</span>
    </div>
  );
}
