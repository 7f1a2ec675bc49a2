// Runs once when the Next.js server starts: opens the database, applies migrations and, on an empty
// embedded database, seeds the demo company, so the first request does not pay for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { appDatabase } = await import("./server/database");
  await appDatabase();
}
