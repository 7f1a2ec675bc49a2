// Runs once when the Next.js server starts (Node.js only): server/startup.ts opens, migrates and, on an
// empty embedded database, seeds the database, so the first request does not pay for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServer } = await import("./server/startup");
  await startServer();
}
