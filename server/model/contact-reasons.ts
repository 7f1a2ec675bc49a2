// The model file's contact reasons: mapped reasons by name and reason rules, each with its touchpoint by code,
// checked by the same rules as Setup › Contact reasons; applied (authoritative when present) and exported.
import { asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { contactReasonMappings, contactReasonRules, contactReasons, reasonRuleMatches, touchpoints } from "@/db/schema";
import { demandKinds } from "@/lib/enums";
import { demandCauseProblem, reasonName, reasonPattern, touchpointCode } from "./rules";

export const contactReasonEntrySchema = z.object({ reason: reasonName, kind: z.enum(demandKinds), touchpoint: touchpointCode.nullish() }).strict();
export const contactReasonRuleEntrySchema = z
  .object({ match: z.enum(reasonRuleMatches), pattern: reasonPattern, kind: z.enum(demandKinds), touchpoint: touchpointCode.nullish() })
  .strict();

type ReasonEntry = z.infer<typeof contactReasonEntrySchema>;
type RuleEntry = z.infer<typeof contactReasonRuleEntrySchema>;

/** The parts of a model document these read: older files carry neither list, and then nothing changes. */
export interface ContactReasonsPart {
  touchpoints: ReadonlyArray<{ code: string; name: string; active: boolean }>;
  contactReasons?: ReasonEntry[];
  contactReasonRules?: RuleEntry[];
}

/** Causes the database already holds, so a file exported before a touchpoint was deactivated imports back. */
export type KeptCauses = ReadonlySet<string>;
const reasonCause = (reason: string, code: string) => `reason\u0000${reason}\u0000${code}`;
const ruleKey = (rule: { match: string; pattern: string }) => `${rule.match}\u0000${rule.pattern.toLowerCase()}`;
const ruleCause = (rule: { match: string; pattern: string }, code: string) => `rule\u0000${ruleKey(rule)}\u0000${code}`;

/** Every failure-demand cause in the database, as reason or rule with the touchpoint's code. */
export async function keptCauses(db: Queryable): Promise<KeptCauses> {
  const [mapped, rules] = await Promise.all([
    db.execute<{ reason: string; code: string }>(sql`
      select r.name as reason, t.code from contact_reason_mappings m join contact_reasons r on r.id = m.reason_id
      join touchpoints t on t.id = m.touchpoint_id where m.kind = 'failure'`),
    db.execute<{ match: string; pattern: string; code: string }>(sql`
      select x.match, x.pattern, t.code from contact_reason_rules x join touchpoints t on t.id = x.touchpoint_id where x.kind = 'failure'`),
  ]);
  return new Set([...mapped.map((m) => reasonCause(m.reason, m.code)), ...rules.map((r) => ruleCause(r, r.code))]);
}

/** Every problem of the file's mappings and rules: duplicates, unknown touchpoints, a class and its touchpoint at odds. */
export function contactReasonProblems(doc: ContactReasonsPart, kept: KeptCauses = new Set()): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const byCode = new Map(doc.touchpoints.map((t) => [t.code, t]));
  const causeProblem = (entry: ReasonEntry | RuleEntry, cause: string) => {
    const touchpoint = entry.touchpoint ? byCode.get(entry.touchpoint) : undefined;
    if (entry.touchpoint && !touchpoint) return `no touchpoint with code ${entry.touchpoint} in this file`;
    return demandCauseProblem(entry.kind, Boolean(entry.touchpoint), touchpoint, kept.has(cause));
  };
  const seenReasons = new Set<string>();
  (doc.contactReasons ?? []).forEach((entry, i) => {
    if (seenReasons.has(entry.reason)) problems.push({ path: `contactReasons[${i}].reason`, message: `duplicate reason "${entry.reason}"` });
    seenReasons.add(entry.reason);
    const problem = causeProblem(entry, reasonCause(entry.reason, entry.touchpoint ?? ""));
    if (problem) problems.push({ path: `contactReasons[${i}].touchpoint`, message: problem });
  });
  const seenRules = new Set<string>();
  (doc.contactReasonRules ?? []).forEach((entry, i) => {
    if (seenRules.has(ruleKey(entry)))
      problems.push({ path: `contactReasonRules[${i}].pattern`, message: `duplicate ${entry.match} rule "${entry.pattern}" (patterns ignore case)` });
    seenRules.add(ruleKey(entry));
    const problem = causeProblem(entry, ruleCause(entry, entry.touchpoint ?? ""));
    if (problem) problems.push({ path: `contactReasonRules[${i}].touchpoint`, message: problem });
  });
  return problems;
}

/** The file's mappings replace the database's: listed reasons are mapped (created when not yet seen), the rest unmapped. */
async function applyReasonMappings(tx: Queryable, entries: ReasonEntry[], touchpointIds: ReadonlyMap<string, number>): Promise<void> {
  const names = entries.map((e) => e.reason);
  if (names.length) {
    await tx
      .insert(contactReasons)
      .values(names.map((name) => ({ name })))
      .onConflictDoNothing();
  }
  const ids = names.length
    ? new Map(
        (await tx.select({ id: contactReasons.id, name: contactReasons.name }).from(contactReasons).where(inArray(contactReasons.name, names))).map((r) => [
          r.name,
          r.id,
        ]),
      )
    : new Map<string, number>();
  const keptIds = [...ids.values()];
  await tx.delete(contactReasonMappings).where(keptIds.length ? notInArray(contactReasonMappings.reasonId, keptIds) : undefined);
  if (!entries.length) return;
  await tx
    .insert(contactReasonMappings)
    .values(entries.map((e) => ({ reasonId: ids.get(e.reason)!, kind: e.kind, touchpointId: e.touchpoint ? touchpointIds.get(e.touchpoint)! : null })))
    .onConflictDoUpdate({
      target: contactReasonMappings.reasonId,
      set: { kind: sql`excluded.kind`, touchpointId: sql`excluded.touchpoint_id`, updatedAt: sql`now()` },
      // Unchanged mappings keep their date, so importing the same file twice changes nothing.
      setWhere: sql`(${contactReasonMappings.kind}, ${contactReasonMappings.touchpointId}) is distinct from (excluded.kind, excluded.touchpoint_id)`,
    });
}

/** The file's rules replace the database's, matched by kind of match and pattern (ignoring case). */
async function applyReasonRules(tx: Queryable, entries: RuleEntry[], touchpointIds: ReadonlyMap<string, number>): Promise<void> {
  const existing = await tx.select().from(contactReasonRules);
  const wanted = new Map(entries.map((e) => [ruleKey(e), e]));
  const stale = existing.filter((r) => !wanted.has(ruleKey(r))).map((r) => r.id);
  if (stale.length) await tx.delete(contactReasonRules).where(inArray(contactReasonRules.id, stale));
  for (const entry of entries) {
    const values = {
      match: entry.match,
      pattern: entry.pattern,
      kind: entry.kind,
      touchpointId: entry.touchpoint ? touchpointIds.get(entry.touchpoint)! : null,
    };
    const current = existing.find((r) => ruleKey(r) === ruleKey(entry));
    if (!current) await tx.insert(contactReasonRules).values(values);
    else if (current.pattern !== values.pattern || current.kind !== values.kind || current.touchpointId !== values.touchpointId)
      await tx.update(contactReasonRules).set(values).where(eq(contactReasonRules.id, current.id));
  }
}

/** Apply the file's mappings and rules inside the import's transaction; a list the file leaves out is kept as it is. */
export async function applyContactReasons(tx: Queryable, doc: ContactReasonsPart): Promise<{ contactReasons?: number; contactReasonRules?: number }> {
  if (!doc.contactReasons && !doc.contactReasonRules) return {};
  const touchpointIds = new Map((await tx.select({ id: touchpoints.id, code: touchpoints.code }).from(touchpoints)).map((t) => [t.code, t.id]));
  const summary: { contactReasons?: number; contactReasonRules?: number } = {};
  if (doc.contactReasons) {
    await applyReasonMappings(tx, doc.contactReasons, touchpointIds);
    summary.contactReasons = doc.contactReasons.length;
  }
  if (doc.contactReasonRules) {
    await applyReasonRules(tx, doc.contactReasonRules, touchpointIds);
    summary.contactReasonRules = doc.contactReasonRules.length;
  }
  return summary;
}

/** The mapped reasons (by name) and the rules, touchpoints by code; a failure mapping whose touchpoint is gone causes nothing and is left out. */
export async function exportContactReasons(db: Queryable): Promise<{ contactReasons: ReasonEntry[]; contactReasonRules: RuleEntry[] }> {
  const [mapped, rules] = await Promise.all([
    db
      .select({ reason: contactReasons.name, kind: contactReasonMappings.kind, touchpoint: touchpoints.code })
      .from(contactReasonMappings)
      .innerJoin(contactReasons, eq(contactReasons.id, contactReasonMappings.reasonId))
      .leftJoin(touchpoints, eq(touchpoints.id, contactReasonMappings.touchpointId))
      .orderBy(asc(contactReasons.name)),
    db
      .select({ match: contactReasonRules.match, pattern: contactReasonRules.pattern, kind: contactReasonRules.kind, touchpoint: touchpoints.code })
      .from(contactReasonRules)
      .leftJoin(touchpoints, eq(touchpoints.id, contactReasonRules.touchpointId))
      .orderBy(asc(contactReasonRules.match), asc(contactReasonRules.pattern)),
  ]);
  const causes = <T extends { kind: string; touchpoint: string | null }>(row: T) => row.kind !== "failure" || row.touchpoint !== null;
  return {
    contactReasons: mapped.filter(causes).map((m) => ({ reason: m.reason, kind: m.kind, touchpoint: m.kind === "failure" ? m.touchpoint : null })),
    contactReasonRules: rules
      .filter(causes)
      .map((r) => ({ match: r.match, pattern: r.pattern, kind: r.kind, touchpoint: r.kind === "failure" ? r.touchpoint : null })),
  };
}
