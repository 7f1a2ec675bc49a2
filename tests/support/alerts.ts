// What the alerts tests share: a database with the test model, answers spread over a week or a month, and a
// rule written through the production path (the one schema, the admin's create).
import { sql } from "drizzle-orm";
import { alertRuleSchema, type AlertRuleInput } from "../../lib/alerts";
import { createAlertRule } from "../../server/alerts/rules";
import { ingestBatch, type ResponseInput } from "../../server/responses/ingest";
import { createTestDatabase, type TestDatabase } from "./database";
import { seedTestModel } from "./fixtures";

/** Wednesday 11 March 2026, noon UTC: the last complete week is 2–8 March (2026-W10), the last month February. */
export const NOW = new Date("2026-03-11T12:00:00Z");

export interface AlertsWorld {
  database: TestDatabase;
  people: Awaited<ReturnType<typeof seedTestModel>>;
  ids: Record<string, number>;
  departments: Record<string, number>;
}

export async function alertsWorld(): Promise<AlertsWorld> {
  const database = await createTestDatabase();
  const people = await seedTestModel(database.db);
  const ids = Object.fromEntries((await database.db.execute<{ id: number; code: string }>(sql`select id, code from touchpoints`)).map((t) => [t.code, t.id]));
  const departments = Object.fromEntries(
    (await database.db.execute<{ id: number; name: string }>(sql`select id, name from departments`)).map((d) => [d.name, d.id]),
  );
  return { database, people, ids, departments };
}

type Answer = Partial<Pick<ResponseInput, "nps" | "csat" | "comment" | "respondentEmail" | "respondentName">>;

let serial = 0;

/** These answers at a touchpoint, spread over `days` days from `from` (YYYY-MM-DD), at noon. */
export function spread(touchpointId: number, from: string, days: number, answers: Answer[]): ResponseInput[] {
  const start = new Date(`${from}T12:00:00Z`).getTime();
  return answers.map((answer, i) => ({
    touchpointId,
    respondedAt: new Date(start + (i % days) * 86_400_000),
    externalId: `t${serial++}`,
    ...answer,
  }));
}

/** `count` answers of which the first `top` give `high` and the rest `low` on one metric. */
export function split(metric: "nps" | "csat", count: number, parts: Array<[answers: number, value: number]>): Answer[] {
  const answers: Answer[] = [];
  for (const [n, value] of parts) for (let i = 0; i < n; i += 1) answers.push({ [metric]: value });
  if (answers.length !== count) throw new Error(`split: ${answers.length} answers, expected ${count}`);
  return answers;
}

export async function ingest(world: AlertsWorld, rows: ResponseInput[], name = `b${serial++}`) {
  return ingestBatch(world.database.db, { fileName: name, fileHash: name, sourceFormat: "test", source: "api" }, rows);
}

export async function rule(world: AlertsWorld, input: AlertRuleInput) {
  return createAlertRule(world.database.db, { id: world.people.admin.id, email: world.people.admin.email }, alertRuleSchema.parse(input));
}
