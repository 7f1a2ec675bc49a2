// Runs once when the Next.js server starts: opens the database, applies migrations and, on an empty
// embedded database, seeds the demo company, so the first request does not pay for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { appDatabase } = await import("./server/database");
  const { databaseKind } = await import("./server/config");
  try {
    await appDatabase();
  } catch (error) {
    // Without its own database the app can serve nothing: say why and stop, rather than answer 500s.
    if (databaseKind() === "embedded") {
      console.error(`[throughline] cannot start: ${error instanceof Error && error.name === "EmbeddedDatabaseError" ? error.message : String(error)}`);
      if (!(error instanceof Error && error.name === "EmbeddedDatabaseError")) console.error(error);
      process.exit(1);
    }
    // A real server may come back: requests retry, and /api/health answers 503 meanwhile.
    console.error("[throughline] the database at DATABASE_URL cannot be reached yet:", error);
  }
}
