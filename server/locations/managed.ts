// The locations a person manages: their home on sign-in (their site first) and their "My work" links.
// Regions they manage come with them; deactivated locations do not.
import { and, asc, desc, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { locations } from "@/db/schema";

export async function locationsManagedBy(db: Queryable, userId: number) {
  return db
    .select({ code: locations.code, name: locations.name, kind: locations.kind })
    .from(locations)
    .where(and(eq(locations.managerId, userId), eq(locations.active, true)))
    .orderBy(desc(locations.kind), asc(locations.name));
}
