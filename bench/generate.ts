// Deterministic benchmark data: a model of 1,000 touchpoints over 20 journeys, responses spread over three
// years (filled inside the database, so 10M rows take minutes, not hours), and import files as CSV.
import fs from "node:fs";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { channels } from "@/db/schema";
import { cliActor } from "@/server/audit";
import type { ModelDocumentInput } from "@/server/model/document";
import { importModel } from "@/server/model/transfer";
import { rebuildRollups } from "@/server/rollups/maintain";

export const TOUCHPOINTS = 1_000;
const JOURNEYS = 20;
const STAGES_PER_JOURNEY = 5;
const DEPARTMENTS = 8;
/** Three years of data ending on a fixed day, so every run sees the same periods. */
export const FIRST_DAY = "2023-11-01";
export const LAST_DAY = "2026-10-31";

export const touchpointCode = (i: number) => `TP-${String(i).padStart(4, "0")}`;

export function benchModel(): ModelDocumentInput {
  const departments = Array.from({ length: DEPARTMENTS }, (_, d) => ({ name: `Department ${d + 1}`, head: `owner${d + 1}@bench.example` }));
  const perStage = TOUCHPOINTS / (JOURNEYS * STAGES_PER_JOURNEY);
  return {
    version: 1,
    departments,
    users: departments.map((d, i) => ({ email: `owner${i + 1}@bench.example`, name: `Owner ${i + 1}`, role: "owner" as const, department: d.name })),
    touchpoints: Array.from({ length: TOUCHPOINTS }, (_, i) => ({
      code: touchpointCode(i),
      name: `Touchpoint ${i}`,
      channel: channels[i % channels.length]!,
      department: departments[i % DEPARTMENTS]!.name,
      owner: `owner${(i % DEPARTMENTS) + 1}@bench.example`,
      momentOfTruth: i % 17 === 0,
      weight: 1 + (i % 3),
      targets: { nps: 30, csat: 80 },
    })),
    journeys: Array.from({ length: JOURNEYS }, (_, j) => ({
      name: `Journey ${j + 1}`,
      persona: "Benchmark customer",
      stages: Array.from({ length: STAGES_PER_JOURNEY }, (_, s) => ({
        name: `Stage ${s + 1}`,
        touchpoints: Array.from({ length: perStage }, (_, t) => touchpointCode((j * STAGES_PER_JOURNEY + s) * perStage + t)),
      })),
    })),
  };
}

export async function createBenchModel(db: Database): Promise<void> {
  await importModel(db, cliActor, benchModel());
}

/**
 * Adds `count` responses (numbered from `offset`) in one batch, values from a hash of the row number:
 * NPS on every response, CSAT on 70%, CES on 30%, a comment on 10%. Roll-ups are rebuilt afterwards.
 */
export async function fillResponses(db: Database, count: number, offset = 0): Promise<void> {
  await db.transaction(async (tx) => {
    const [batch] = await tx.execute<{ id: number }>(sql`
      insert into import_batches (file_name, file_hash, source_format, source, status, rows_read, rows_imported, completed_at)
      values (${`bench fill ${offset}+${count}`}, ${`bench-${offset}-${count}`}, 'bench', 'api', 'imported', ${count}, ${count}, now())
      returning id`);
    await tx.execute(sql`
      with tps as (select array_agg(id order by code) as ids from touchpoints where code like 'TP-%'),
      g as (select n, abs(hashint8(n)) as h from generate_series(${offset}::bigint, ${offset + count - 1}::bigint) as n)
      insert into survey_responses (touchpoint_id, responded_at, nps, csat, ces, comment, source, external_id, import_batch_id)
      select tps.ids[1 + (g.h % ${TOUCHPOINTS})],
        ${FIRST_DAY}::timestamptz + ((g.h % 94608000) * interval '1 second'),
        (g.h / 7 % 11)::smallint,
        case when g.h / 77 % 10 < 7 then (1 + g.h / 1001 % 5)::smallint end,
        case when g.h / 13 % 10 < 3 then (1 + g.h / 17 % 7)::smallint end,
        case when g.h / 19 % 10 = 0 then 'benchmark comment ' || g.n end,
        'api', 'bench-' || g.n, ${batch!.id}
      from g, tps`);
  });
  await db.transaction((tx) => rebuildRollups(tx));
}

/** A plain CSV export of `rows` responses, written as a stream; ids start at `offset` so files do not overlap. */
export async function writeImportCsv(path: string, rows: number, offset = 0): Promise<void> {
  const out = fs.createWriteStream(path);
  const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve())));
  await write("response_id,touchpoint,responded_at,nps,csat,comment\n");
  const start = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  for (let i = 0; i < rows; i += 1) {
    const n = offset + i;
    const at = new Date(start + ((n * 7919) % 94_608_000) * 1000).toISOString();
    const comment = n % 10 === 0 ? `"Row ${n}: the bill, ""as usual"", took a while"` : "";
    await write(`imp-${n},${touchpointCode(n % TOUCHPOINTS)},${at},${n % 11},${1 + (n % 5)},${comment}\n`);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

const CONTACT_REASONS = Array.from({ length: 40 }, (_, i) => `Reason ${i + 1}`);
const VIAS = ["Phone call (inbound)", "Chat", "Email", "Web Form", "Twitter DM"];

/** A Zendesk ticket export of `rows` tickets: a dropdown reason, tags, a store and handling minutes per row. */
export async function writeContactsCsv(path: string, rows: number, offset = 0): Promise<void> {
  const out = fs.createWriteStream(path);
  const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve())));
  await write("ID,Requester,Requester email,Group,Subject,Tags,Status,Via,Created at,Contact reason [list],Handling time (minutes)\n");
  const start = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  for (let i = 0; i < rows; i += 1) {
    const n = offset + i;
    const at = new Date(start + ((n * 7919) % 94_608_000) * 1000).toISOString().slice(0, 16).replace("T", " ");
    const tags = n % 3 === 0 ? `tag_${n % 7} tag_${n % 11}` : "";
    await write(
      `${n + 1},Guest ${n % 5000},guest${n % 5000}@example.com,Guest care,"Ticket ${n}, about the bill",${tags},solved,${VIAS[n % VIAS.length]},${at},${CONTACT_REASONS[n % CONTACT_REASONS.length]},${1 + (n % 20) / 2}\n`,
    );
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
