// Touchpoint volumes: each touchpoint's transactions a month, the base of contacts per 1,000 transactions.
// Set all-or-nothing and idempotently (an upsert per touchpoint and month, one audit entry), listed, or cleared.
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/db/client";
import { touchpointVolumes, touchpoints } from "@/db/schema";
import { formatMonth } from "@/lib/dates";
import { entityId, text } from "@/lib/schemas";
import {
  checkVolumeRows,
  clearVolumeSchema,
  problemField,
  problemsSummary,
  volumeMonth,
  type ClearVolumeInput,
  type SetVolumesInput,
  type VolumeProblem,
  VOLUME_COLUMNS,
  volumeRowSchema,
} from "@/lib/touchpoint-volumes";
import { recordAudit, type Actor } from "@/server/audit";
import { invalid, invalidInput, notFound } from "@/server/errors";

const firstDay = (month: string) => `${month}-01`;
/** Upserts per statement: three parameters a row, far below PostgreSQL's 65,535. */
const CHUNK = 2_000;

export const volumeListQuerySchema = z
  .object({
    touchpointId: entityId.optional(),
    /** A touchpoint's code, as the CLI names it. */
    touchpoint: text(64).trim().optional(),
    from: volumeMonth.optional(),
    to: volumeMonth.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "comes before from; give the months oldest first" });
export type VolumeListQuery = z.input<typeof volumeListQuerySchema>;

/** Every volume, by touchpoint code and month, optionally of one touchpoint and between two months (both included). */
export async function listTouchpointVolumes(db: Queryable, query: VolumeListQuery = {}) {
  const parsed = volumeListQuerySchema.safeParse(query);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { touchpointId, touchpoint, from, to } = parsed.data;
  if (touchpoint) {
    const [found] = await db.select({ id: touchpoints.id }).from(touchpoints).where(eq(touchpoints.code, touchpoint.toUpperCase()));
    if (!found) throw notFound(`There is no touchpoint with the code ${touchpoint}; check Setup › Touchpoints.`);
  }
  const rows = await db
    .select({
      touchpointId: touchpointVolumes.touchpointId,
      touchpoint: touchpoints.code,
      name: touchpoints.name,
      active: touchpoints.active,
      month: sql<string>`to_char(${touchpointVolumes.month}, 'YYYY-MM')`,
      transactions: touchpointVolumes.transactions,
      updatedAt: touchpointVolumes.updatedAt,
    })
    .from(touchpointVolumes)
    .innerJoin(touchpoints, eq(touchpoints.id, touchpointVolumes.touchpointId))
    .where(
      and(
        touchpointId ? eq(touchpointVolumes.touchpointId, touchpointId) : undefined,
        touchpoint ? eq(touchpoints.code, touchpoint.toUpperCase()) : undefined,
        from ? gte(touchpointVolumes.month, firstDay(from)) : undefined,
        to ? lte(touchpointVolumes.month, firstDay(to)) : undefined,
      ),
    )
    .orderBy(asc(touchpoints.code), asc(touchpointVolumes.month));
  return rows.map((r) => ({ ...r, transactions: Number(r.transactions) }));
}
export type TouchpointVolume = Awaited<ReturnType<typeof listTouchpointVolumes>>[number];

type TouchpointRow = { id: number; code: string; name: string; active: boolean };

/** Each row's touchpoint code as the rules read it (trimmed, upper case), or null where the code itself is the problem. */
function codesOf(rows: readonly unknown[]): Array<string | null> {
  return rows.map((row) => {
    const code = volumeRowSchema.shape.touchpoint.safeParse((row as { touchpoint?: unknown } | null)?.touchpoint);
    return code.success ? code.data : null;
  });
}

/** The problem with each row's touchpoint: unknown, or deactivated (its volumes would count nowhere). */
function touchpointProblems(codes: ReadonlyArray<string | null>, byCode: ReadonlyMap<string, TouchpointRow>): VolumeProblem[] {
  return codes.flatMap((code, index): VolumeProblem[] => {
    if (code === null) return [];
    const found = byCode.get(code);
    const field = problemField(index + 1, "touchpoint");
    if (!found) return [{ row: index + 1, field, message: `${code} is not a touchpoint code; check the code under Setup › Touchpoints` }];
    if (!found.active) return [{ row: index + 1, field, message: `${found.code} ${found.name} is deactivated; reactivate it to record its volumes` }];
    return [];
  });
}

const columnOrder = (field: string) => VOLUME_COLUMNS.findIndex((c) => field.endsWith(`, ${c}`));

function refuse(problems: readonly VolumeProblem[]): never {
  const ordered = [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || columnOrder(a.field) - columnOrder(b.field));
  throw invalid(
    problemsSummary(ordered),
    ordered.map(({ field, message }) => ({ field, message })),
  );
}

async function storedVolumes(tx: Queryable, ids: number[], from: string, to: string): Promise<Map<string, number>> {
  const stored = await tx
    .select({ touchpointId: touchpointVolumes.touchpointId, month: touchpointVolumes.month, transactions: touchpointVolumes.transactions })
    .from(touchpointVolumes)
    .where(and(inArray(touchpointVolumes.touchpointId, ids), gte(touchpointVolumes.month, firstDay(from)), lte(touchpointVolumes.month, firstDay(to))));
  return new Map(stored.map((s) => [`${s.touchpointId} ${s.month}`, Number(s.transactions)]));
}

/**
 * Set monthly volumes, all-or-nothing, in one transaction with one audit entry: every row is checked first (the
 * rules and its touchpoint) and every problem named by row and field at once; a month already stored is replaced,
 * so the same file can run twice.
 */
export async function setTouchpointVolumes(db: Database, actor: Actor, input: SetVolumesInput) {
  const given: readonly unknown[] = Array.isArray(input?.rows) ? input.rows : [];
  const checked = checkVolumeRows(given);
  return db.transaction(async (tx) => {
    const codes = codesOf(given);
    const known = [...new Set(codes.filter((c): c is string => c !== null))];
    const found = known.length
      ? await tx
          .select({ id: touchpoints.id, code: touchpoints.code, name: touchpoints.name, active: touchpoints.active })
          .from(touchpoints)
          .where(inArray(touchpoints.code, known))
      : [];
    const byCode = new Map(found.map((t) => [t.code, t]));
    const problems = [...(checked.ok ? [] : checked.problems), ...touchpointProblems(codes, byCode)];
    if (problems.length || !checked.ok) refuse(problems);
    const rows = checked.rows;

    const months = rows.map((r) => r.month).sort();
    const [from, to] = [months[0]!, months.at(-1)!];
    const before = await storedVolumes(
      tx,
      found.map((t) => t.id),
      from,
      to,
    );
    const values = rows.map((r) => ({ touchpointId: byCode.get(r.touchpoint)!.id, month: firstDay(r.month), transactions: r.transactions }));
    const previous = (v: (typeof values)[number]) => before.get(`${v.touchpointId} ${v.month}`);
    const changed = values.filter((v) => previous(v) !== v.transactions);
    const created = changed.filter((v) => previous(v) === undefined).length;

    for (let start = 0; start < changed.length; start += CHUNK) {
      await tx
        .insert(touchpointVolumes)
        .values(changed.slice(start, start + CHUNK))
        .onConflictDoUpdate({
          target: [touchpointVolumes.touchpointId, touchpointVolumes.month],
          set: { transactions: sql`excluded.transactions`, updatedAt: sql`now()` },
        });
    }
    const summary = {
      rows: rows.length,
      created,
      updated: changed.length - created,
      unchanged: rows.length - changed.length,
      touchpoints: known.sort(),
      from,
      to,
    };
    await recordAudit(tx, actor, {
      action: "touchpoint_volume.set",
      entityType: "touchpoint_volume",
      entityId: found.length === 1 ? found[0]!.id : null,
      after: summary,
    });
    return summary;
  });
}

/** Remove one touchpoint's volume for one month (its periods then show no per-1,000-transactions rate), audited. */
export async function clearTouchpointVolume(db: Database, actor: Actor, input: ClearVolumeInput) {
  const parsed = clearVolumeSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { touchpointId, month } = parsed.data;
  return db.transaction(async (tx) => {
    const [touchpoint] = await tx
      .select({ id: touchpoints.id, code: touchpoints.code, name: touchpoints.name })
      .from(touchpoints)
      .where(eq(touchpoints.id, touchpointId));
    if (!touchpoint) throw notFound(`Touchpoint ${touchpointId} does not exist; reload the page to see the touchpoints as they are now.`);
    const [removed] = await tx
      .delete(touchpointVolumes)
      .where(and(eq(touchpointVolumes.touchpointId, touchpointId), eq(touchpointVolumes.month, firstDay(month))))
      .returning({ transactions: touchpointVolumes.transactions });
    if (!removed) throw notFound(`${touchpoint.code} has no volume for ${formatMonth(month)} to clear; reload the page to see the volumes as they are now.`);
    const cleared = { touchpointId, touchpoint: touchpoint.code, month, transactions: Number(removed.transactions) };
    await recordAudit(tx, actor, { action: "touchpoint_volume.clear", entityType: "touchpoint_volume", entityId: touchpointId, before: cleared });
    return cleared;
  });
}
