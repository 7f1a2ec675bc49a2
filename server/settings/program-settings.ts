// Program settings stored in the settings table, validated on the way in; changes are audited.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { settings } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";
import { invalid } from "@/server/errors";
import { DEFAULT_MINIMUM_SAMPLE } from "@/server/metrics/formulas";
import { contactChannels, type ContactChannel } from "@/lib/enums";

/** What an hour of handling costs on a channel (staff and overheads), to price contacts the tool gave no cost for. */
const costPerHour = (channel: string, fallback: number) => ({
  description: `Cost of an hour of handling ${channel}, in the program's currency (prices contacts without a cost of their own)`,
  schema: z.coerce.number().min(0, "at least 0").max(100_000, "at most 100000"),
  default: fallback,
});

export const settingDefinitions = {
  minimum_sample: {
    description: "Answers below which a score is shown as insufficient data",
    schema: z.coerce.number().int().min(5, "at least 5").max(1000, "at most 1000"),
    default: DEFAULT_MINIMUM_SAMPLE,
  },
  max_upload_mb: {
    description: "Largest file an import accepts, in megabytes",
    schema: z.coerce.number().int().min(1, "at least 1").max(10_000, "at most 10000"),
    default: 500,
  },
  max_import_rows: {
    description: "Most data rows one import file may hold",
    schema: z.coerce.number().int().min(1, "at least 1").max(100_000_000, "at most 100000000"),
    default: 5_000_000,
  },
  max_period_years: {
    description: "Longest period a dashboard or the scores API computes, in years",
    schema: z.coerce.number().int().min(1, "at least 1").max(100, "at most 100"),
    default: 10,
  },
  max_xlsx_expanded_mb: {
    // An Excel sheet holds at most 1,048,576 rows, about 300 MB of sheet XML for a survey export's width.
    description: "Largest size an XLSX file may unpack to, in megabytes (guards against zip bombs)",
    schema: z.coerce.number().int().min(1, "at least 1").max(100_000, "at most 100000"),
    default: 500,
  },
  alert_ack_sla_hours: {
    description: "Hours an alert may wait to be acknowledged before it escalates to the department head (twice as long: the CCO)",
    schema: z.coerce.number().int().min(1, "at least 1").max(720, "at most 720"),
    default: 48,
  },
  alert_digest_hour: {
    description: "UTC hour (0–23) at which each person is mailed a digest of the alerts they see still to resolve; -1: no digest",
    schema: z.coerce.number().int("a whole hour, -1 to 23").min(-1, "at least -1 (-1: off)").max(23, "at most 23 (hours are 0–23, UTC)"),
    default: -1,
  },
  session_idle_minutes: {
    description: "Minutes without a request after which a signed-in session ends",
    schema: z.coerce.number().int().min(5, "at least 5").max(1440, "at most 1440 (a day)"),
    default: 120,
  },
  session_max_hours: {
    description: "Hours after signing in at which a session ends, however active (its absolute lifetime)",
    schema: z.coerce.number().int().min(1, "at least 1").max(720, "at most 720 (30 days)"),
    default: 12,
  },
  cost_per_hour_phone: costPerHour("phone calls", 36),
  cost_per_hour_chat: costPerHour("chats", 30),
  cost_per_hour_email: costPerHour("emails", 30),
  cost_per_hour_web_form: costPerHour("web forms", 30),
  cost_per_hour_social: costPerHour("social messages", 30),
  cost_per_hour_in_person: costPerHour("in-person contacts", 40),
  cost_per_hour_other: costPerHour("other contacts", 30),
} as const;

export type SettingKey = keyof typeof settingDefinitions;
export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

export async function readSetting(db: Queryable, key: SettingKey): Promise<number> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  const parsed = settingDefinitions[key].schema.safeParse(row?.value);
  return parsed.success ? parsed.data : settingDefinitions[key].default;
}

export async function writeSetting(db: Queryable, actor: Actor, { key, value }: { key: SettingKey; value: unknown }): Promise<number> {
  const parsed = settingDefinitions[key].schema.safeParse(value);
  if (!parsed.success)
    throw invalid(`${key}: ${parsed.error.issues[0]?.message}`, [{ field: key, message: parsed.error.issues[0]?.message ?? "not a valid value" }]);
  return db.transaction(async (tx) => {
    const before = await readSetting(tx, key);
    await tx
      .insert(settings)
      .values({ key, value: parsed.data })
      .onConflictDoUpdate({ target: settings.key, set: { value: parsed.data, updatedAt: sql`now()` } });
    await recordAudit(tx, actor, { action: "setting.update", entityType: "setting", entityId: key, before, after: parsed.data });
    return parsed.data;
  });
}

/** Every channel's cost per hour, read together (the failure-demand views price contacts with them). */
export async function readCostPerHour(db: Queryable): Promise<Record<ContactChannel, number>> {
  const values = await Promise.all(contactChannels.map((channel) => readSetting(db, `cost_per_hour_${channel}`)));
  return Object.fromEntries(contactChannels.map((channel, i) => [channel, values[i]!])) as Record<ContactChannel, number>;
}
