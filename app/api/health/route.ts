// Liveness and database reachability for load balancers and the e2e suite.
import { sql } from "drizzle-orm";
import { databaseKind } from "@/server/config";
import { appDatabase } from "@/server/database";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = databaseKind();
  try {
    const { db } = await appDatabase();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database });
  } catch (error) {
    console.error("[throughline] health check failed:", error);
    return Response.json({ status: "unavailable", database, message: "The database cannot be reached." }, { status: 503 });
  }
}
