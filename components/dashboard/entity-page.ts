// Shared steps of the pages that show one entity (journey, touchpoint, department): a numeric id from
// the route, and a 404 page rather than a crash when it does not exist.
import { notFound } from "next/navigation";

export function idFromRoute(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
}
