// The model file's codebook: themes by name with their touchpoints by code, checked like the file's other references,
// upserted by name in the import's transaction (one new codebook version when anything changed) and exported.
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { themes, themeTouchpoints, touchpoints } from "@/db/schema";
import { themeSchema, type Theme } from "@/lib/themes";
import { bumpCodebookVersion, themeAsWritten, writeTheme } from "@/server/themes/codebook";

export const themeEntrySchema = themeSchema.strict();
type ThemeEntry = z.infer<typeof themeEntrySchema>;

/** The parts of a model document these read: an older file carries no themes, and then the codebook stays as it is. */
export interface ThemesPart {
  touchpoints: ReadonlyArray<{ code: string }>;
  themes?: ThemeEntry[];
}

/** Every problem of the file's themes: a name used twice, a touchpoint code the file does not define. */
export function themeProblems(doc: ThemesPart): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const codes = new Set(doc.touchpoints.map((t) => t.code));
  const seen = new Set<string>();
  (doc.themes ?? []).forEach((theme, i) => {
    if (seen.has(theme.name)) problems.push({ path: `themes[${i}].name`, message: `duplicate theme "${theme.name}"` });
    seen.add(theme.name);
    theme.touchpointCodes.forEach((code, k) => {
      if (!codes.has(code)) problems.push({ path: `themes[${i}].touchpointCodes[${k}]`, message: `no touchpoint with code ${code}` });
    });
  });
  return problems;
}

/** A theme in one comparable form: terms as stored (each once), touchpoints by code, sorted. */
function canonical(theme: Theme): string {
  return JSON.stringify({
    name: theme.name,
    description: theme.description ?? null,
    terms: [...new Set(theme.terms)],
    touchpointCodes: [...new Set(theme.touchpointCodes)].sort(),
    active: theme.active,
  });
}

/**
 * Upsert the file's themes by name inside the import's transaction; themes the file leaves out stay as they are.
 * Returns how many the file lists and how many it changed (the codebook's version moves once if any).
 */
export async function applyThemes(tx: Queryable, doc: ThemesPart): Promise<{ themes?: number; themesChanged?: number }> {
  if (!doc.themes) return {};
  const existing = new Map((await tx.select({ id: themes.id, name: themes.name }).from(themes)).map((t) => [t.name, t.id]));
  let changed = 0;
  for (const entry of doc.themes) {
    const id = existing.get(entry.name);
    if (id !== undefined && canonical(await themeAsWritten(tx, id)) === canonical(entry)) continue;
    await writeTheme(tx, entry, id);
    changed += 1;
  }
  if (changed > 0) await bumpCodebookVersion(tx);
  return { themes: doc.themes.length, themesChanged: changed };
}

/** The codebook by theme name, touchpoints by code. */
export async function exportThemes(db: Queryable): Promise<ThemeEntry[]> {
  const [rows, limits] = await Promise.all([
    db.select().from(themes).orderBy(asc(themes.name)),
    db
      .select({ themeId: themeTouchpoints.themeId, code: touchpoints.code })
      .from(themeTouchpoints)
      .innerJoin(touchpoints, eq(touchpoints.id, themeTouchpoints.touchpointId))
      .orderBy(asc(touchpoints.code)),
  ]);
  return rows.map((t) => ({
    name: t.name,
    description: t.description,
    terms: t.terms,
    touchpointCodes: limits.filter((l) => l.themeId === t.id).map((l) => l.code),
    active: t.active,
  }));
}
