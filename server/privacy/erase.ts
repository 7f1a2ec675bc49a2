// Erasure on request: every survey response and service contact carrying one person's email or external id
// leaves, the roll-ups follow through the imports' own deltas, and the audit entry records counts, never the key.
import { sql, type SQL } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { countOf } from "@/lib/counts";
import { checkErasureKey, erasureKeyWords, type ErasureKey, type ErasureKeyKind, type ErasureRequest } from "@/lib/privacy";
import { recordAudit, type Actor } from "@/server/audit";
import { invalid } from "@/server/errors";
import { applyContactsToRollups } from "@/server/contacts/rollups";
import { applyResponsesToRollups } from "@/server/rollups/maintain";

export type { ErasureRequest } from "@/lib/privacy";

export interface ErasureResult {
  keyKind: ErasureKeyKind;
  responses: number;
  contacts: number;
  /** Alert cases whose copy of an erased comment was removed (the case itself stays). */
  alertComments: number;
  /** The outcome in one sentence, for the page and the CLI. */
  summary: string;
}

/** The one key to erase by, or an "invalid" DomainError naming the field and how to fix it. */
export function erasureKeyOf(request: ErasureRequest): ErasureKey {
  const checked = checkErasureKey(request);
  if ("refusal" in checked) throw invalid(checked.refusal.message, checked.refusal.problems);
  return checked.key;
}

/** Rows of each table that carry the key (case-insensitive and trimmed for emails, as tools differ in both). */
function matching(key: ErasureKey, table: "responses" | "contacts"): SQL {
  if (key.kind === "externalId") return sql`external_id = ${key.value}`;
  const column = sql.raw(table === "responses" ? "respondent_email" : "requester_email");
  // Tabs and line ends too: a cell pasted from a spreadsheet keeps them, and the key was trimmed of them in JavaScript.
  return sql`lower(btrim(${column}, ${" \t\r\n"})) = ${key.value}`;
}

/** "Erased 3 survey responses and 1 service contact for that email." or, with nothing matched, that plainly. */
export function erasureSummary(result: Pick<ErasureResult, "keyKind" | "responses" | "contacts">): string {
  const words = erasureKeyWords[result.keyKind];
  if (result.responses === 0 && result.contacts === 0) return `No survey responses or service contacts matched that ${words}; nothing was erased.`;
  return `Erased ${countOf(result.responses, "survey response")} and ${countOf(result.contacts, "service contact")} for that ${words}.`;
}

/**
 * Lock the import batches the person's rows belong to, as a revert does (a revert waits, or is waited for, so a
 * batch's rows are never subtracted twice), then keep the ids of the rows still there in temporary tables.
 */
async function collectRows(tx: Queryable, key: ErasureKey): Promise<void> {
  await tx.execute(sql`
    select b.id from import_batches b
    where b.id in (select import_batch_id from survey_responses where ${matching(key, "responses")})
      or b.id in (select import_batch_id from service_contacts where ${matching(key, "contacts")})
    order by b.id
    for no key update of b`);
  for (const [name, table] of [
    ["erased_responses", "responses"],
    ["erased_contacts", "contacts"],
  ] as const) {
    await tx.execute(sql`drop table if exists ${sql.raw(`pg_temp.${name}`)}`);
    await tx.execute(sql`
      create temp table ${sql.raw(name)} on commit drop as
      select id from ${sql.raw(table === "responses" ? "survey_responses" : "service_contacts")} where ${matching(key, table)}`);
    await tx.execute(sql`analyze ${sql.raw(`pg_temp.${name}`)}`);
  }
}

/**
 * A detractor's case keeps its figures but not the erased comment copied into them, nor that comment where an
 * older summary or its first event quoted it (server/alerts/read.ts unquoted).
 */
async function removeCopiedComments(tx: Queryable): Promise<number> {
  const rows = await tx.execute<{ id: number }>(sql`
    with copied as (
      select a.id, a.figures ->> 'comment' as comment from alerts a
      where a.response_id in (select id from pg_temp.erased_responses) and a.figures ? 'comment'
    ),
    notes as (
      update alert_events e set note = replace(e.note, ': "' || c.comment || '"', '')
      from copied c where e.alert_id = c.id and e.note is not null and c.comment <> ''
      returning e.id
    )
    update alerts a set figures = a.figures - 'comment',
      summary = case when c.comment <> '' then replace(a.summary, ': "' || c.comment || '"', '') else a.summary end
    from copied c where a.id = c.id
    returning a.id`);
  return rows.length;
}

/**
 * Erase one person's survey responses and service contacts, with every roll-up that counts them (all locations
 * and per site, every grain, metric pairs, themes, contacts), in one transaction with its audit entry.
 * Nothing matched is an answer, not an error: the entry says 0 and the summary says so.
 */
export async function erasePersonalData(db: Database, actor: Actor, request: ErasureRequest): Promise<ErasureResult> {
  const key = erasureKeyOf(request);
  return db.transaction(async (tx) => {
    await collectRows(tx, key);
    await applyResponsesToRollups(tx, sql`r.id in (select id from pg_temp.erased_responses)`, -1);
    const alertComments = await removeCopiedComments(tx);
    // Initiative evidence goes with its response (cascade); an alert case keeps its words and loses the link.
    const responses = (await tx.execute(sql`delete from survey_responses where id in (select id from pg_temp.erased_responses) returning id`)).length;
    await applyContactsToRollups(tx, sql`c.id in (select id from pg_temp.erased_contacts)`, -1);
    const contacts = (await tx.execute(sql`delete from service_contacts where id in (select id from pg_temp.erased_contacts) returning id`)).length;
    // Counts and the kind of key only: the entry must not become the one place that still names the person.
    await recordAudit(tx, actor, {
      action: "personal_data.erase",
      entityType: "personal_data",
      after: { key: key.kind, responses, contacts, alertComments },
    });
    const counts = { keyKind: key.kind, responses, contacts };
    return { ...counts, alertComments, summary: erasureSummary(counts) };
  });
}
