// Reads the program's codebook as the tagger needs it: active themes with their terms and touchpoint limits,
// and the codebook's version (stamped on every comment tagged with it).
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { Codebook } from "./tagger";

export async function currentCodebookVersion(db: Queryable): Promise<number> {
  const [row] = await db.execute<{ version: number }>(sql`select version from theme_codebook where id = 1`);
  return row?.version ?? 1;
}

export async function loadCodebook(db: Queryable): Promise<Codebook> {
  const rows = await db.execute<{ id: number; terms: string[]; touchpoint_ids: number[] | null }>(sql`
    select t.id, t.terms, array_remove(array_agg(tt.touchpoint_id order by tt.touchpoint_id), null) as touchpoint_ids
    from themes t left join theme_touchpoints tt on tt.theme_id = t.id
    where t.active
    group by t.id order by t.id`);
  const version = await currentCodebookVersion(db);
  return { version, themes: rows.map((r) => ({ id: r.id, terms: r.terms, touchpointIds: r.touchpoint_ids ?? [] })) };
}
