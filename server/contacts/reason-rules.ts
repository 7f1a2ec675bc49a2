// Reason rules: classify every reason that is, or starts with, a pattern, now and as new reasons arrive (a
// reason's own mapping wins). Listed with how many reasons each classifies now; created and deleted with audit.
import { and, eq, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { contactReasonRules } from "@/db/schema";
import { ruleMatchLabel } from "@/lib/contact-reasons";
import { recordAudit, type Actor } from "@/server/audit";
import { invalid, notFound } from "@/server/errors";
import { assertDemandCause } from "@/server/model/rules";
import type { ReasonRule } from "./demand";
import { readReasonMap, type ReasonMap } from "./read";
import type { ReasonRuleInput } from "./reason-schema";
import { touchpointRefs } from "./reasons";

/** Whether a rule matches a reason at all, whatever else classifies the reason. */
function ruleMatches(rule: ReasonRule, name: string): boolean {
  const lower = name.toLowerCase();
  const pattern = rule.pattern.toLowerCase();
  return rule.match === "exact" ? lower === pattern : lower.startsWith(pattern);
}

/** How many reasons a rule classifies now, and how many more it matches that something else classifies. */
function ruleReach(rule: ReasonRule, reasonMap: ReasonMap): { reasons: number; matches: number } {
  let reasons = 0;
  let matches = 0;
  for (const [id, name] of reasonMap.reasons) {
    if (!ruleMatches(rule, name)) continue;
    matches += 1;
    const resolved = reasonMap.map.get(id);
    if (resolved?.via === "rule" && resolved.ruleId === rule.id) reasons += 1;
  }
  return { reasons, matches };
}

/** Every rule with its touchpoint and reach: exact rules first, then prefixes, by pattern. */
export async function listReasonRules(db: Queryable) {
  const [reasonMap, refs] = await Promise.all([readReasonMap(db), touchpointRefs(db)]);
  return reasonMap.rules
    .map((rule) => ({
      id: rule.id,
      match: rule.match,
      pattern: rule.pattern,
      kind: rule.kind,
      touchpoint: rule.touchpointId === null ? null : (refs.get(rule.touchpointId) ?? null),
      ...ruleReach(rule, reasonMap),
    }))
    .sort((a, b) => a.match.localeCompare(b.match) || a.pattern.localeCompare(b.pattern));
}

const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
};

function duplicatePattern(input: Pick<ReasonRuleInput, "match" | "pattern">, existing?: string) {
  const message = `a rule "${ruleMatchLabel[input.match].toLowerCase()} ${existing ?? input.pattern}" exists already (patterns ignore case); change or delete that rule instead`;
  return invalid(`pattern: ${message}.`, [{ field: "pattern", message }]);
}

/** Add a rule; the same match and pattern (ignoring case) twice is refused at `pattern`. */
export async function createReasonRule(db: Database, actor: Actor, input: ReasonRuleInput) {
  try {
    return await db.transaction(async (tx) => {
      const touchpoint = await assertDemandCause(tx, input.kind, input.touchpointId);
      const [clash] = await tx
        .select({ pattern: contactReasonRules.pattern })
        .from(contactReasonRules)
        .where(and(eq(contactReasonRules.match, input.match), sql`lower(${contactReasonRules.pattern}) = lower(${input.pattern})`));
      if (clash) throw duplicatePattern(input, clash.pattern);
      const values = { match: input.match, pattern: input.pattern, kind: input.kind, touchpointId: touchpoint?.id ?? null };
      const [created] = await tx.insert(contactReasonRules).values(values).returning({ id: contactReasonRules.id });
      await recordAudit(tx, actor, {
        action: "contact_reason_rule.create",
        entityType: "contact_reason_rule",
        entityId: created!.id,
        after: { ...values, touchpoint: touchpoint?.code ?? null },
      });
      const reach = ruleReach({ id: created!.id, ...values }, await readReasonMap(tx));
      return { id: created!.id, ...values, touchpoint, ...reach };
    });
  } catch (error) {
    // Two admins adding the same rule at once: the unique index decides, and the loser hears it in words.
    if (isUniqueViolation(error)) throw duplicatePattern(input);
    throw error;
  }
}

/** Remove a rule; the reasons it classified go back to unclassified unless another rule or their own mapping holds them. */
export async function deleteReasonRule(db: Database, actor: Actor, input: { id: number }) {
  return db.transaction(async (tx) => {
    const [rule] = await tx.select().from(contactReasonRules).where(eq(contactReasonRules.id, input.id));
    if (!rule) throw notFound(`Reason rule ${input.id} does not exist; reload the page to see the rules as they are now.`);
    await tx.delete(contactReasonRules).where(eq(contactReasonRules.id, input.id));
    const { createdAt: _created, ...before } = rule;
    await recordAudit(tx, actor, { action: "contact_reason_rule.delete", entityType: "contact_reason_rule", entityId: rule.id, before });
    return { id: rule.id, match: rule.match, pattern: rule.pattern };
  });
}
