// The codebook's changes: create, edit and delete themes. Each change, its audit entry and the codebook's new version
// commit together; the caller then kicks the re-tagger (server/themes/jobs), which brings history in line.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { themes, themeTouchpoints, touchpoints } from "@/db/schema";
import { themeSchema, type ThemeInput } from "@/lib/themes";
import { recordAudit, type Actor } from "@/server/audit";
import { conflict, invalid } from "@/server/errors";

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
  if (unknown.length) throw invalid(`touchpointCodes: no touchpoint has the code ${unknown.join(", ")}; use codes from Setup › Touchpoints.`);
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
