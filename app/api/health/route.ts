// Liveness and database reachability: 200 {status: "ok", database} or 503 when the database is unreachable.
import { databaseKind } from "@/server/config";
import { appDatabase } from "@/server/database";
import { checkHealth } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth(databaseKind(), appDatabase);
  return Response.json(report, { status: report.status === "ok" ? 200 : 503 });
}
