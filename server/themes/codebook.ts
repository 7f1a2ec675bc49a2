// The codebook's changes: create, edit and delete themes. Each change, its audit entry and the codebook's new version
// commit together; the caller then kicks the re-tagger (server/themes/jobs), which brings history in line.
import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { themes, themeTouchpoints, touchpoints } from "@/db/schema";
import { themeSchema, type Theme, type ThemeInput } from "@/lib/themes";
import { recordAudit, type Actor } from "@/server/audit";
import { conflict, invalid, notFound } from "@/server/errors";
import { lastDays, splitPeriod, type Period } from "@/server/scores/periods";
import { retagProgress, type RetagProgress } from "./retag";

/** Every comment tagged before this call now carries an older codebook's tags. */
export async function bumpCodebookVersion(tx: Queryable): Promise<number> {
  const [row] = await tx.execute<{ version: number }>(sql`update theme_codebook set version = version + 1, changed_at = now() where id = 1 returning version`);
  return row!.version;
}

async function assertNameFree(tx: Queryable, name: string, exceptId?: number) {
  const [clash] = await tx
    .select({ id: themes.id })
    .from(themes)
    .where(exceptId ? and(eq(themes.name, name), ne(themes.id, exceptId)) : eq(themes.name, name));
  if (clash) throw conflict(`A theme named "${name}" already exists. Choose another name.`);
}

/** Touchpoint codes to ids, or an invalid-input error naming the unknown ones. */
async function touchpointIdsOf(tx: Queryable, codes: readonly string[]): Promise<number[]> {
  if (codes.length === 0) return [];
  const rows = await tx
    .select({ id: touchpoints.id, code: touchpoints.code })
    .from(touchpoints)
    .where(inArray(touchpoints.code, [...codes]));
  const unknown = codes.filter((code) => !rows.some((r) => r.code === code));
  if (unknown.length) {
    const message = `no touchpoint has the code ${unknown.join(", ")}; use codes from Setup › Touchpoints`;
    throw invalid(`touchpointCodes: ${message}.`, [{ field: "touchpointCodes", message }]);
  }
  return rows.map((r) => r.id);
}

/** Write one theme's row and touchpoint limits (insert, or update `id`) in the caller's transaction. */
export async function writeTheme(tx: Queryable, input: ThemeInput, id?: number): Promise<number> {
  const theme = themeSchema.parse(input);
  await assertNameFree(tx, theme.name, id);
  const touchpointIds = await touchpointIdsOf(tx, theme.touchpointCodes);
  const values = { name: theme.name, description: theme.description, terms: [...new Set(theme.terms)], active: theme.active };
  let themeId = id;
  if (themeId === undefined) themeId = (await tx.insert(themes).values(values).returning({ id: themes.id }))[0]!.id;
  else {
    await tx
      .update(themes)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(themes.id, themeId));
    await tx.delete(themeTouchpoints).where(eq(themeTouchpoints.themeId, themeId));
  }
  if (touchpointIds.length) await tx.insert(themeTouchpoints).values(touchpointIds.map((touchpointId) => ({ themeId: themeId!, touchpointId })));
  return themeId;
}

export async function createTheme(db: Database, actor: Actor, input: ThemeInput): Promise<{ id: number; version: number }> {
  return db.transaction(async (tx) => {
    const id = await writeTheme(tx, input);
    const version = await bumpCodebookVersion(tx);
    await recordAudit(tx, actor, { action: "theme.create", entityType: "theme", entityId: id, after: themeSchema.parse(input) });
    return { id, version };
  });
}

/** A theme as the form and the model file write it (touchpoints by code), or not found. */
export async function themeAsWritten(tx: Queryable, id: number): Promise<Theme> {
  const [row] = await tx.select().from(themes).where(eq(themes.id, id));
  if (!row) throw notFound(`Theme ${id} does not exist: it may have been deleted. Reload the page.`);
  const limits = await tx
    .select({ code: touchpoints.code })
    .from(themeTouchpoints)
    .innerJoin(touchpoints, eq(touchpoints.id, themeTouchpoints.touchpointId))
    .where(eq(themeTouchpoints.themeId, id))
    .orderBy(asc(touchpoints.code));
  return { name: row.name, description: row.description, terms: row.terms, touchpointCodes: limits.map((l) => l.code), active: row.active };
}

export async function updateTheme(db: Database, actor: Actor, id: number, input: ThemeInput): Promise<{ id: number; version: number }> {
  return db.transaction(async (tx) => {
    const before = await themeAsWritten(tx, id);
    await writeTheme(tx, input, id);
    const version = await bumpCodebookVersion(tx);
    await recordAudit(tx, actor, { action: "theme.update", entityType: "theme", entityId: id, before, after: themeSchema.parse(input) });
    return { id, version };
  });
}

/**
 * Deleting a theme leaves its roll-up rows behind: the comments still carry its id until the re-tagger reaches them
 * and subtracts them (theme id and roll-ups are not tied by a foreign key). Readers join themes, so they never show.
 */
export async function deleteTheme(db: Database, actor: Actor, id: number): Promise<{ id: number; version: number }> {
  return db.transaction(async (tx) => {
    const before = await themeAsWritten(tx, id);
    await tx.delete(themes).where(eq(themes.id, id));
    const version = await bumpCodebookVersion(tx);
    await recordAudit(tx, actor, { action: "theme.delete", entityType: "theme", entityId: id, before });
    return { id, version };
  });
}

/** How far back the page counts a theme's comments: the last 90 days of comments. */
export const CODEBOOK_WINDOW_DAYS = 90;

/** The latest day with a comment in the roll-ups (theme 0, all locations), where the 90 days end. */
async function latestCommentDay(db: Queryable): Promise<string | null> {
  const [row] = await db.execute<{ day: string | null }>(
    sql`select max(day)::text as day from theme_daily_rollups where theme_id = 0 and location_id = 0 and comments > 0`,
  );
  return row?.day ?? null;
}

/** Comments per theme over the period at the all-locations grain, paused themes included (they are not shown elsewhere). */
async function commentsPerTheme(db: Queryable, period: Period): Promise<Map<number, number>> {
  const split = splitPeriod(period);
  const parts: SQL[] = [];
  if (split.monthsFrom < split.monthsTo)
    parts.push(
      sql`select theme_id, comments from theme_monthly_rollups where location_id = 0 and month >= ${split.monthsFrom}::date and month < ${split.monthsTo}::date`,
    );
  for (const range of split.dayRanges)
    parts.push(sql`select theme_id, comments from theme_daily_rollups where location_id = 0 and day >= ${range.from}::date and day <= ${range.to}::date`);
  const rows = await db.execute<{ theme_id: number; comments: number }>(
    sql`select theme_id, sum(comments)::float8 as comments from (${sql.join(parts, sql` union all `)}) p group by theme_id`,
  );
  return new Map(rows.map((r) => [r.theme_id, Number(r.comments)]));
}

export interface CodebookTouchpoint {
  code: string;
  name: string;
  active: boolean;
}

export interface CodebookEntry extends Theme {
  id: number;
  /** The touchpoints the theme is limited to (empty: every touchpoint), with their names. */
  touchpoints: CodebookTouchpoint[];
  /** Comments tagged with it over the window; a theme changed since is counted as history was last tagged. */
  comments: number;
  updatedAt: string;
}

export interface CodebookList {
  themes: CodebookEntry[];
  /** The window the counts cover (the last 90 days of comments), null before any comment was imported. */
  period: Period | null;
  windowDays: number;
  /** Every comment in the window (theme 0): the counts' denominator. */
  comments: number;
  progress: RetagProgress;
  /** The touchpoints a theme may be limited to, by code. */
  touchpoints: CodebookTouchpoint[];
}

/** The Setup › Themes page: every theme by name with its terms, limits and comments over the last 90 days (from the roll-ups). */
export async function listCodebook(db: Queryable): Promise<CodebookList> {
  const latest = await latestCommentDay(db);
  const period = latest ? lastDays(CODEBOOK_WINDOW_DAYS, latest) : null;
  const [rows, limits, touchpointRows, counts, progress] = await Promise.all([
    db.select().from(themes).orderBy(asc(themes.name)),
    db
      .select({ themeId: themeTouchpoints.themeId, code: touchpoints.code, name: touchpoints.name, active: touchpoints.active })
      .from(themeTouchpoints)
      .innerJoin(touchpoints, eq(touchpoints.id, themeTouchpoints.touchpointId))
      .orderBy(asc(touchpoints.code)),
    db.select({ code: touchpoints.code, name: touchpoints.name, active: touchpoints.active }).from(touchpoints).orderBy(asc(touchpoints.code)),
    period ? commentsPerTheme(db, period) : Promise.resolve(new Map<number, number>()),
    retagProgress(db),
  ]);
  // Only rows of existing themes are listed: a deleted theme's roll-ups wait for the re-tagger and are never shown.
  const entries = rows.map((row) => {
    const own = limits.filter((l) => l.themeId === row.id).map(({ code, name, active }) => ({ code, name, active }));
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      terms: row.terms,
      touchpointCodes: own.map((t) => t.code),
      touchpoints: own,
      active: row.active,
      comments: counts.get(row.id) ?? 0,
      updatedAt: row.updatedAt.toISOString(),
    };
  });
  return { themes: entries, period, windowDays: CODEBOOK_WINDOW_DAYS, comments: counts.get(0) ?? 0, progress, touchpoints: touchpointRows };
}
