// Ownership rules shared by every procedure that changes touchpoint data: admins may change anything,
// owners only what belongs to touchpoints they own. Checked on the server, never trusted from the client.
import "server-only";
import { forbidden, notFound } from "@/server/errors";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { touchpoints } from "@/db/schema";
import type { SessionUser } from "./users";

export async function assertCanChangeTouchpoint(db: Queryable, user: SessionUser, touchpointId: number): Promise<void> {
  const [row] = await db.select({ ownerId: touchpoints.ownerId }).from(touchpoints).where(eq(touchpoints.id, touchpointId));
  if (!row) throw notFound(`Touchpoint ${touchpointId} does not exist.`);
  if (user.role === "admin") return;
  if (user.role !== "owner" || row.ownerId !== user.id) {
    throw forbidden("Only the touchpoint's owner or an admin can change this.");
  }
}

/** Respondents' email and name: admins always; owners only on their own touchpoints; executives never. */
export function mayReadPersonalData(user: SessionUser, touchpointOwnerId: number | null): boolean {
  return user.role === "admin" || (user.role === "owner" && touchpointOwnerId === user.id);
}
