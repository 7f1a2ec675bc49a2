// Migrations apply on an empty database (the embedded PostgreSQL 17, or the PostgreSQL 15 server in the postgres run) and leave the
// standard metrics and every table the model needs.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../db/client";
import { createTestDatabase, type TestDatabase } from "./support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("migrations", () => {
  it("create every table of the model", async () => {
    const rows = await database.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      "alert_events",
      "alert_notifications",
      "alert_rules",
      "alerts",
      "api_tokens",
      "audit_log",
      "contact_daily_rollups",
      "contact_monthly_rollups",
      "contact_reason_mappings",
      "contact_reason_rules",
      "contact_reason_sets",
      "contact_reasons",
      "data_changes",
      "departments",
      "import_batches",
      "import_mapping_templates",
      "initiative_evidence",
      "initiative_updates",
      "initiatives",
      "journey_stages",
      "journeys",
      "location_daily_rollups",
      "location_monthly_rollups",
      "location_weekly_rollups",
      "locations",
      "metric_definitions",
      "metric_pair_daily_rollups",
      "metric_pair_monthly_rollups",
      "perception_assessments",
      "service_contacts",
      "settings",
      "sign_in_attempts",
      "stage_touchpoints",
      "survey_responses",
      "theme_codebook",
      "theme_daily_rollups",
      "theme_metric_daily_rollups",
      "theme_metric_monthly_rollups",
      "theme_monthly_rollups",
      "theme_touchpoints",
      "themes",
      "touchpoint_daily_rollups",
      "touchpoint_monthly_rollups",
      "touchpoint_targets",
      "touchpoint_volumes",
      "touchpoint_weekly_rollups",
      "touchpoints",
      "user_invitations",
      "users",
    ]);
  });

  it("define NPS, CSAT and CES with their scales", async () => {
    const rows = await database.db.execute<{ code: string; scale_min: number; scale_max: number; top_box_min: number }>(
      sql`select code, scale_min, scale_max, top_box_min from metric_definitions order by code`,
    );
    expect(rows.map((r) => [r.code, r.scale_min, r.scale_max, r.top_box_min])).toEqual([
      ["ces", 1, 7, 5],
      ["csat", 1, 5, 4],
      ["nps", 0, 10, 9],
    ]);
  });

  it("are idempotent: running them again changes nothing", async () => {
    await migrateDatabase(database.db);
    const [row] = await database.db.execute<{ count: number }>(sql`select count(*)::int as count from metric_definitions`);
    expect(row?.count).toBe(3);
  });

  it("enforce case-insensitive unique emails", async () => {
    await database.db.execute(sql`insert into users (email, name, role) values ('Case@Example.com', 'A', 'admin')`);
    await expect(database.db.execute(sql`insert into users (email, name, role) values ('case@example.com', 'B', 'admin')`)).rejects.toMatchObject({
      cause: { constraint_name: "users_email_lower_unique" },
    });
  });
});
