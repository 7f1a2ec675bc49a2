// A batch's roll-up change computed once: its daily aggregates land in a temporary delta table, and every grain
// (day, and each coarser one a table keeps) is folded from that delta, so no grain scans the batch's rows again.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { Grain } from "./answers";

/** One family of roll-up tables that share keys and additive columns, one table per grain it keeps. */
export interface RollupFamily {
  /** The table per grain; "day" is always kept, the coarser grains are whatever the family lists. */
  tables: { day: SQL } & Partial<Record<Grain, SQL>>;
  /** Key columns besides the bucket, as named both in the delta and in the tables. */
  keys: readonly string[];
  /** Additive columns (counts and sums). */
  sums: readonly string[];
  /** A jsonb answer → count map that adds key by key. */
  answerCounts?: boolean;
  /** The count that, at zero, means the row holds nothing and goes. */
  countColumn: string;
  /** Which delta rows this family takes (e.g. location 0 for the all-locations tables). */
  where?: SQL;
}

/** The coarser bucket a day falls in (weeks start on Monday, as date_trunc's ISO weeks). */
const bucketOfDay = (grain: Grain, day: SQL): SQL => (grain === "day" ? day : sql`date_trunc(${sql.raw(`'${grain}'`)}, ${day})::date`);

const list = (columns: readonly string[], prefix = "") => sql.raw(columns.map((c) => `${prefix}${c}`).join(", "));

/** `stored` + `delta` for two answer-count maps, dropping answers whose count reaches zero. */
function mergeAnswerCounts(stored: SQL, delta: SQL): SQL {
  return sql`(select coalesce(jsonb_object_agg(x.answer, x.total), '{}'::jsonb) from (
      select e.key as answer, sum(e.value::bigint) as total
      from (select * from jsonb_each_text(${stored}) union all select * from jsonb_each_text(${delta})) e
      group by e.key having sum(e.value::bigint) <> 0) x)`;
}

/**
 * `stored` + `delta` when every count in `delta` is positive (an import): only the delta's few answers are looked
 * up and the stored map is overwritten with them, so no count can reach zero and nothing is regrouped.
 */
function addAnswerCounts(stored: SQL, delta: SQL): SQL {
  return sql`${stored} || coalesce((select jsonb_object_agg(e.key, e.value::bigint + coalesce((${stored} ->> e.key)::bigint, 0))
      from jsonb_each_text(${delta}) e), '{}'::jsonb)`;
}

/**
 * Fill a fresh temporary delta table (dropped at commit) from `select`, whose rows carry a `bucket` column (the day)
 * and are grouped by it and the keys of every family folded from it: one row per key and day.
 */
export async function createDelta(tx: Queryable, name: string, select: SQL): Promise<SQL> {
  const table = sql.raw(`pg_temp.${name}`);
  await tx.execute(sql`drop table if exists ${table}`);
  await tx.execute(sql`create temp table ${sql.raw(name)} on commit drop as ${select}`);
  await tx.execute(sql`analyze ${table}`);
  return table;
}

/** Add (sign 1) or subtract (sign -1) the delta table's rows into every grain of the family. */
export async function foldDelta(tx: Queryable, family: RollupFamily, delta: SQL, sign: 1 | -1): Promise<void> {
  for (const [grain, table] of Object.entries(family.tables) as Array<[Grain, SQL]>) {
    const answers = family.answerCounts ? sql`, answer_counts` : sql``;
    const merged = sign > 0 ? addAnswerCounts : mergeAnswerCounts;
    const updates = sql.join(
      [
        ...family.sums.map((c) => sql.raw(`${c} = t.${c} + excluded.${c}`)),
        ...(family.answerCounts ? [sql`answer_counts = ${merged(sql`t.answer_counts`, sql`excluded.answer_counts`)}`] : []),
      ],
      sql`, `,
    );
    await tx.execute(sql`
      insert into ${table} as t (${list(family.keys)}, ${sql.raw(grain)}, ${list(family.sums)}${answers})
      ${grain === "day" ? dayRows(family, delta, sign) : coarserRows(family, grain, delta, sign)}
      on conflict (${list(family.keys)}, ${sql.raw(grain)}) do update set ${updates}`);
    if (sign < 0) await tx.execute(sql`delete from ${table} where ${sql.raw(family.countColumn)} <= 0`);
  }
}

// The delta is already one row per key and day: the day grain takes its rows as they are, with no regrouping
// (on a sparse batch, where most responses have a day of their own, regrouping cost as much as the rest of the import).
function dayRows(family: RollupFamily, delta: SQL, sign: 1 | -1): SQL {
  const s = sql.raw(String(sign));
  const sums = sql.raw(family.sums.map((c) => (sign > 0 ? `d.${c}` : `-d.${c}`)).join(", "));
  const answers = !family.answerCounts
    ? sql``
    : sign > 0
      ? sql`, d.answer_counts`
      : sql`, (select coalesce(jsonb_object_agg(e.key, ${s} * e.value::bigint), '{}'::jsonb) from jsonb_each_text(d.answer_counts) e)`;
  return sql`select ${list(family.keys, "d.")}, d.bucket, ${sums}${answers}
    from ${delta} d ${family.where ? sql`where ${family.where}` : sql``}`;
}

/** A coarser grain: the delta's days grouped into the grain's buckets, answer maps summed answer by answer. */
function coarserRows(family: RollupFamily, grain: Grain, delta: SQL, sign: 1 | -1): SQL {
  const s = sql.raw(String(sign));
  const sums = sql.join(
    family.sums.map((c) => sql`${s} * sum(d.${sql.raw(c)})`),
    sql`, `,
  );
  // An outer aggregate inside a scalar subquery: the group's answer maps, summed answer by answer.
  const answers = family.answerCounts
    ? sql`, (select coalesce(jsonb_object_agg(e.key, e.total), '{}'::jsonb) from (
        select e.key, ${s} * sum(e.value::bigint) as total from unnest(array_agg(d.answer_counts)) as a(counts), jsonb_each_text(a.counts) e
        group by e.key) e)`
    : sql``;
  const bucket = bucketOfDay(grain, sql`d.bucket`);
  return sql`select ${list(family.keys, "d.")}, ${bucket}, ${sums}${answers}
    from ${delta} d ${family.where ? sql`where ${family.where}` : sql``}
    group by ${list(family.keys, "d.")}, ${bucket}`;
}
