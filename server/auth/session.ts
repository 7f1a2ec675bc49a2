// The signed-in user for server components, route handlers and tRPC: the session's user id, re-checked
// against the database (active, current role) on every call.
import "server-only";
import { cache } from "react";
import { appDatabase } from "@/server/database";
import { auth } from "./config";
import { activeUserById, type SessionUser } from "./users";

export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const { db } = await appDatabase();
  return activeUserById(db, id);
});
