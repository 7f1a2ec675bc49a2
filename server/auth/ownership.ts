// Ownership rules shared by every procedure that changes touchpoint data: admins may change anything,
// owners only what belongs to touchpoints they own. Checked on the server, never trusted from the client.
import "server-only";
import { DomainError, forbidden, notFound } from "@/server/errors";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { locations, touchpoints } from "@/db/schema";
import { ancestorsOf } from "@/server/locations/hierarchy";
import type { SessionUser } from "./users";

export async function assertCanChangeTouchpoint(db: Queryable, user: SessionUser, touchpointId: number): Promise<void> {
  const [row] = await db.select({ ownerId: touchpoints.ownerId }).from(touchpoints).where(eq(touchpoints.id, touchpointId));
  if (!row) throw notFound(`Touchpoint ${touchpointId} does not exist.`);
  if (user.role === "admin") return;
  if (user.role !== "owner" || row.ownerId !== user.id) {
    throw forbidden("Only the touchpoint's owner or an admin can change this.");
  }
}

/**
 * A site-level initiative may also be run by the manager of its location (or of a region above it): the
 * manager answers for the site, the touchpoint's owner for the touchpoint everywhere, admins for all.
 */
export async function assertCanChangeAt(db: Queryable, user: SessionUser, touchpointId: number, locationId: number | null): Promise<void> {
  if (locationId !== null && user.role === "owner") {
    const all = await db
      .select({ id: locations.id, code: locations.code, kind: locations.kind, parentId: locations.parentId, managerId: locations.managerId })
      .from(locations);
    const here = all.find((l) => l.id === locationId);
    if (here && [here, ...ancestorsOf(all, here.id)].some((l) => l.managerId === user.id)) {
      const [row] = await db.select({ id: touchpoints.id }).from(touchpoints).where(eq(touchpoints.id, touchpointId));
      if (!row) throw notFound(`Touchpoint ${touchpointId} does not exist.`);
      return;
    }
  }
  try {
    await assertCanChangeTouchpoint(db, user, touchpointId);
  } catch (error) {
    if (locationId !== null && error instanceof DomainError && error.kind === "forbidden")
      throw forbidden("Only the touchpoint's owner, the location's manager or an admin can change this.");
    throw error;
  }
}

/** Respondents' email and name: admins always; owners only on their own touchpoints; executives never. */
export function mayReadPersonalData(user: SessionUser, touchpointOwnerId: number | null): boolean {
  return user.role === "admin" || (user.role === "owner" && touchpointOwnerId === user.id);
}
