// Setup › Contact reasons: every reason with its contacts over the last 90 days of contact data and how it is
// classified now, the bulk mapping of reasons to failure or value demand, and each channel's cost per hour.
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { contactReasonMappings, contactReasons, departments, touchpoints } from "@/db/schema";
import type { ReasonClassification, ReasonFilter } from "@/lib/contact-reasons";
import { contactChannels } from "@/lib/enums";
import { recordAudit, type Actor } from "@/server/audit";
import { programCurrency } from "@/server/config";
import { notFound } from "@/server/errors";
import { assertDemandCause } from "@/server/model/rules";
import { lastDays, type Period } from "@/server/scores/periods";
import { readCostPerHour, settingDefinitions, writeSetting } from "@/server/settings/program-settings";
import { matchingRule, type ReasonRule, type ResolvedMapping } from "./demand";
import { readContactRows, readReasonMap, splitRows, type ReasonMap } from "./read";
import type { ContactCostInput, MapReasonsInput, ReasonListQuery } from "./reason-schema";
import { reasonListQuerySchema } from "./reason-schema";

/** How far back the page counts contacts: the last 90 days of contact data. */
export const REASON_WINDOW_DAYS = 90;
/** Rows the page shows at once; a search narrows a longer list. */
export const MAX_LISTED_REASONS = 500;

export interface TouchpointRef {
  id: number;
  code: string;
  name: string;
  active: boolean;
  departmentName: string;
}

/** Every touchpoint with its department, to name causes and to offer them in the page's selects. */
export async function touchpointRefs(db: Queryable): Promise<Map<number, TouchpointRef>> {
  const rows = await db
    .select({ id: touchpoints.id, code: touchpoints.code, name: touchpoints.name, active: touchpoints.active, departmentName: departments.name })
    .from(touchpoints)
    .innerJoin(departments, eq(departments.id, touchpoints.departmentId))
    .orderBy(asc(touchpoints.code));
  return new Map(rows.map((r) => [r.id, r]));
}

export type Classification = { kind: "failure"; touchpoint: TouchpointRef | null } | { kind: "value" } | { kind: "unclassified" };
export type RuleRef = Pick<ReasonRule, "id" | "match" | "pattern">;
/** Whether the reason's class comes from its own mapping or from a rule (and which); null when it has neither. */
export type ClassifiedBy = { by: "mapping"; overridesRule: RuleRef | null } | { by: "rule"; rule: RuleRef } | null;

const ruleRef = (rule: ReasonRule): RuleRef => ({ id: rule.id, match: rule.match, pattern: rule.pattern });

/** A reason's class as shown, and as it counts: a failure mapping whose touchpoint was deleted causes nothing. */
export function classificationOf(
  resolved: ResolvedMapping | undefined,
  refs: ReadonlyMap<number, TouchpointRef>,
): { shown: Classification; counts: ReasonClassification } {
  if (!resolved) return { shown: { kind: "unclassified" }, counts: "unclassified" };
  if (resolved.kind === "value") return { shown: { kind: "value" }, counts: "value" };
  const touchpoint = resolved.touchpointId === null ? null : (refs.get(resolved.touchpointId) ?? null);
  return { shown: { kind: "failure", touchpoint }, counts: touchpoint ? "failure" : "unclassified" };
}

function classifiedBy(name: string, resolved: ResolvedMapping | undefined, rules: readonly ReasonRule[]): ClassifiedBy {
  if (!resolved) return null;
  if (resolved.via === "mapping") {
    const overridden = matchingRule(name, rules);
    return { by: "mapping", overridesRule: overridden ? ruleRef(overridden) : null };
  }
  const rule = rules.find((r) => r.id === resolved.ruleId);
  return rule ? { by: "rule", rule: ruleRef(rule) } : null;
}

/** The latest day present in the contact roll-ups, where the 90 days end (as `lastDays` ends on today). */
async function latestContactDay(db: Queryable): Promise<string | null> {
  const [row] = await db.execute<{ day: string | null }>(sql`select max(day)::text as day from contact_daily_rollups where contacts > 0`);
  return row?.day ?? null;
}

/** The last 90 days of contact data, split by the reason map as it is now; no period when nothing was imported. */
export async function recentDemand(db: Queryable) {
  const [latest, reasonMap] = await Promise.all([latestContactDay(db), readReasonMap(db)]);
  const period: Period | null = latest ? lastDays(REASON_WINDOW_DAYS, latest) : null;
  const rows = period ? await readContactRows(db, period) : [];
  const split = splitRows(rows, reasonMap);
  // Contacts the tool gave no reason for: no mapping can classify them (only a touchpoint the tool named).
  const withoutReason = rows.filter((r) => (reasonMap.sets.get(r.reasonSetId) ?? []).length === 0).reduce((sum, r) => sum + r.contacts, 0);
  return { period, reasonMap, split, withoutReason };
}

const percentOf = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);

function reasonRows(reasonMap: ReasonMap, contactsOf: (id: number) => number, all: number, refs: ReadonlyMap<number, TouchpointRef>) {
  return [...reasonMap.reasons]
    .map(([id, name]) => {
      const resolved = reasonMap.map.get(id);
      const { shown, counts } = classificationOf(resolved, refs);
      const contacts = contactsOf(id);
      return {
        id,
        name,
        contacts,
        share: percentOf(contacts, all),
        classification: shown,
        counts,
        classifiedBy: classifiedBy(name, resolved, reasonMap.rules),
      };
    })
    .sort((a, b) => b.contacts - a.contacts || a.name.localeCompare(b.name));
}

export type ContactReasonRow = ReturnType<typeof reasonRows>[number];

/**
 * Every reason with its contacts over the last 90 days of contact data, largest first, and how it is classified
 * now (its own mapping or a rule); the share of those days' contacts still unclassified. Search and filter
 * narrow the rows shown (at most MAX_LISTED_REASONS), not the totals.
 */
export async function listContactReasons(db: Queryable, query: ReasonListQuery = {}) {
  const { search, show } = reasonListQuerySchema.parse(query);
  const [{ period, reasonMap, split, withoutReason }, refs] = await Promise.all([recentDemand(db), touchpointRefs(db)]);
  const all = reasonRows(reasonMap, (id) => split.byReason.get(id)?.contacts ?? 0, split.all, refs);
  const needle = search?.toLowerCase();
  const searched = needle ? all.filter((r) => r.name.toLowerCase().includes(needle)) : all;
  const matching = show === "all" ? searched : searched.filter((r) => r.counts === show);
  const tally = (kind: ReasonClassification) => searched.filter((r) => r.counts === kind).length;
  return {
    period,
    windowDays: REASON_WINDOW_DAYS,
    query: { search: search ?? "", show },
    totals: {
      contacts: split.all,
      failure: split.failure,
      value: split.value,
      unclassified: split.unclassified,
      unclassifiedShare: percentOf(split.unclassified, split.all),
      withoutReason,
      reasons: all.length,
    },
    counts: { all: searched.length, failure: tally("failure"), value: tally("value"), unclassified: tally("unclassified") } satisfies Record<
      ReasonFilter,
      number
    >,
    matching: matching.length,
    reasons: matching.slice(0, MAX_LISTED_REASONS),
    touchpoints: [...refs.values()],
  };
}

function listOfIds(ids: number[]): string {
  const shown = ids.slice(0, 5).join(", ");
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}

/**
 * Map reasons in bulk, in one transaction with one audit entry: to failure demand caused by an active touchpoint,
 * to value demand, or back to unclassified (their own mapping removed: a rule may still classify them, and the
 * result names those reasons and rules).
 */
export async function mapContactReasons(db: Database, actor: Actor, input: MapReasonsInput) {
  const reasonIds = [...new Set(input.reasonIds)].sort((a, b) => a - b);
  return db.transaction(async (tx) => {
    const found = await tx.select({ id: contactReasons.id, name: contactReasons.name }).from(contactReasons).where(inArray(contactReasons.id, reasonIds));
    const missing = reasonIds.filter((id) => !found.some((r) => r.id === id));
    if (missing.length) {
      throw notFound(
        `${missing.length === 1 ? `Contact reason ${missing[0]} does not exist` : `Contact reasons ${listOfIds(missing)} do not exist`}; ` +
          `reload the page to see the reasons as they are now.`,
      );
    }
    const touchpoint = await assertDemandCause(tx, input.kind, input.touchpointId);
    const before = await tx.select().from(contactReasonMappings).where(inArray(contactReasonMappings.reasonId, reasonIds));
    if (input.kind === "unclassified") {
      await tx.delete(contactReasonMappings).where(inArray(contactReasonMappings.reasonId, reasonIds));
    } else {
      await tx
        .insert(contactReasonMappings)
        .values(reasonIds.map((reasonId) => ({ reasonId, kind: input.kind as "failure" | "value", touchpointId: touchpoint?.id ?? null })))
        .onConflictDoUpdate({
          target: contactReasonMappings.reasonId,
          set: { kind: sql`excluded.kind`, touchpointId: sql`excluded.touchpoint_id`, updatedAt: sql`now()` },
        });
    }
    const mappingOf = (id: number) => before.find((m) => m.reasonId === id);
    await recordAudit(tx, actor, {
      action: "contact_reason.map",
      entityType: "contact_reason",
      entityId: reasonIds.length === 1 ? reasonIds[0] : null,
      before: found.map((r) => ({
        reasonId: r.id,
        reason: r.name,
        mapping: mappingOf(r.id) ? { kind: mappingOf(r.id)!.kind, touchpointId: mappingOf(r.id)!.touchpointId } : null,
      })),
      after: { reasonIds, kind: input.kind, touchpointId: touchpoint?.id ?? null, touchpoint: touchpoint?.code ?? null },
    });
    const rules =
      input.kind === "unclassified"
        ? await tx.execute<ReasonRule>(sql`select id, match, pattern, kind, touchpoint_id as "touchpointId" from contact_reason_rules order by id`)
        : [];
    const stillByRule = found
      .map((reason) => ({ reason, rule: matchingRule(reason.name, rules) }))
      .filter((r): r is { reason: (typeof found)[number]; rule: ReasonRule } => r.rule !== undefined)
      .map(({ reason, rule }) => ({ reasonId: reason.id, reason: reason.name, rule: { ...ruleRef(rule), kind: rule.kind } }));
    return { mapped: reasonIds.length, kind: input.kind, touchpoint, stillByRule };
  });
}

/** Each channel's cost of an hour of handling (prices contacts the tool gave no cost for), in the program's currency. */
export async function contactCosts(db: Queryable) {
  const rates = await readCostPerHour(db);
  return {
    currency: programCurrency(),
    channels: contactChannels.map((channel) => ({
      channel,
      costPerHour: rates[channel],
      defaultCostPerHour: settingDefinitions[`cost_per_hour_${channel}`].default,
    })),
  };
}

/** Set one channel's cost per hour; the setting is audited where it is written. */
export async function setContactCost(db: Queryable, actor: Actor, input: ContactCostInput) {
  const costPerHour = await writeSetting(db, actor, { key: `cost_per_hour_${input.channel}`, value: input.costPerHour });
  return { channel: input.channel, costPerHour };
}
