// Seeds the demo company, Larder & Lane: its model, people, 12 months of survey responses, support tickets, monthly volumes and initiatives.
// Deterministic for a given end date, and written through the production paths (model import, ingestBatch).
import { inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { initiativeUpdates, locations, touchpoints, users } from "@/db/schema";
import type { Actor } from "@/server/audit";
import { hashPassword } from "@/server/auth/passwords";
import { activeUserById } from "@/server/auth/users";
import { createInitiative } from "@/server/initiatives/service";
import { quarterOf } from "@/server/perception/gap";
import { saveAssessment } from "@/server/perception/service";
import { importModel } from "@/server/model/transfer";
import { ingestBatch, type ResponseInput } from "@/server/responses/ingest";
import { billingChangeComments, commentFits, negativeComments, neutralComments, positiveComments, type DemoComment } from "./demo-comments";
import { DEMO_PASSWORD, demoModel, demoProfiles, type TouchpointProfile } from "./demo-model";
import { hashString, seededRandom, type Random } from "./random";
import { sitePicker } from "./demo-locations";
import { seedDemoContacts } from "./demo-contacts";
import { seedDemoVolumes } from "./demo-volumes";
import { seedDemoAlerts } from "./demo-alerts";

export const DEMO_SEED = 20_261_123;
const MONTHS = 12;
/** The billing change (a new service charge on bills) lands this many months before the end. */
const BILLING_CHANGE_MONTHS_BEFORE_END = 4;
/** The valet initiative starts half-way through the year. */
const IMPROVEMENT_START_MONTH = 6;

const seedActor: Actor = { id: null, email: "demo-seed" };

export interface SeedSummary {
  responses: number;
  contacts: number;
  touchpoints: number;
  seconds: number;
}

interface MonthWindow {
  index: number;
  start: Date;
  days: number;
}

function monthWindows(endDate: Date): MonthWindow[] {
  const end = Date.UTC(endDate.getUTCFullYear(), endDate.getUTCMonth(), endDate.getUTCDate());
  return Array.from({ length: MONTHS }, (_, index) => {
    const start = new Date(Date.UTC(endDate.getUTCFullYear(), endDate.getUTCMonth() - (MONTHS - 1 - index), 1));
    const nextStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
    const lastDay = Math.min(nextStart, end + 86_400_000);
    return { index, start, days: Math.round((lastDay - start.getTime()) / 86_400_000) };
  });
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const billingChangeMonth = MONTHS - BILLING_CHANGE_MONTHS_BEFORE_END;

/** Typical satisfaction for a touchpoint in a month, after its story (pattern) is applied. */
function qualityIn(profile: TouchpointProfile, month: number): number {
  switch (profile.pattern) {
    case "improving":
      return month < IMPROVEMENT_START_MONTH ? profile.quality : profile.quality + 0.06 * (month - IMPROVEMENT_START_MONTH + 1);
    case "declining":
      return profile.quality - 0.035 * month;
    case "billing_change":
      return month >= billingChangeMonth ? profile.quality - 0.18 : profile.quality;
    case "billing_spike":
      return month >= billingChangeMonth ? profile.quality - 0.12 : profile.quality;
    default:
      return profile.quality;
  }
}

function volumeIn(profile: TouchpointProfile, month: MonthWindow, random: Random): number {
  const spike = profile.pattern === "billing_spike" && month.index >= billingChangeMonth ? 2.1 : 1;
  const partial = month.days / new Date(Date.UTC(month.start.getUTCFullYear(), month.start.getUTCMonth() + 1, 0)).getUTCDate();
  const expected = profile.monthlyVolume * spike * partial * (0.85 + 0.3 * random.next());
  return Math.max(0, Math.round(expected));
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const firstNames = ["Alex", "Sam", "Jordan", "Maria", "Wei", "Fatima", "Liam", "Chloe", "Tomás", "Aisha", "Noah", "Mei", "Olu", "Grace"];
const lastNames = ["Patel", "Smith", "García", "Chen", "Okafor", "Müller", "Brown", "Kowalski", "Nguyen", "Haddad", "Silva", "Evans"];

/** The templates of one mood that read right at this touchpoint; the anywhere ones when none is particular to it. */
function templatesFitting(templates: readonly DemoComment[], code: string): readonly DemoComment[] {
  const fitting = templates.filter((comment) => commentFits(comment, code));
  return fitting.length > 0 ? fitting : templates.filter((comment) => !comment.fits);
}

function commentFor(code: string, profile: TouchpointProfile, satisfaction: number, afterBillingChange: boolean, random: Random): string | null {
  if (!random.chance(satisfaction < 0.45 ? 0.5 : 0.25)) return null;
  const billingStory = afterBillingChange && (profile.pattern === "billing_change" || profile.pattern === "billing_spike");
  const templates =
    satisfaction >= 0.7
      ? positiveComments
      : satisfaction >= 0.45
        ? neutralComments
        : billingStory && random.chance(0.6)
          ? billingChangeComments
          : negativeComments;
  return random.pick(templatesFitting(templates, code)).text.replaceAll("{topic}", random.pick(profile.topics));
}

/**
 * One guest's experience: without attribute questions, satisfaction around the month's quality; with them, each
 * attribute drawn on its own and satisfaction built from them by the profile's true weights (plus noise), so the
 * key-driver view has a known answer: "speed" drives table service, "value" drives nothing.
 */
function experienceOf(profile: TouchpointProfile, quality: number, random: Random): { satisfaction: number; ratings: Record<string, number> | null } {
  const weights = Object.entries(profile.attributes ?? {});
  if (weights.length === 0) return { satisfaction: clamp(random.normal(quality, 0.2), 0, 1), ratings: null };
  const levels = weights.map(([code, weight]) => ({ code, weight, level: clamp(random.normal(quality, 0.22), 0, 1) }));
  const satisfaction = clamp(quality + levels.reduce((sum, a) => sum + a.weight * (a.level - quality), 0) + random.normal(0, 0.1), 0, 1);
  return { satisfaction, ratings: Object.fromEntries(levels.map((a) => [a.code, 1 + Math.round(a.level * 4)])) };
}

/** The end of the demo's last day, in ms. */
const endOf = (months: MonthWindow[]) => months.at(-1)!.start.getTime() + months.at(-1)!.days * 86_400_000;

function* responsesFor(
  code: string,
  touchpointId: number,
  profile: TouchpointProfile,
  months: MonthWindow[],
  locationIds: Map<string, number>,
): Generator<ResponseInput> {
  const random = seededRandom(DEMO_SEED ^ hashString(code));
  const siteOf = sitePicker(code);
  let serial = 0;
  for (const month of months) {
    const quality = clamp(qualityIn(profile, month.index), 0.05, 0.97);
    const afterBillingChange = month.index >= billingChangeMonth;
    const count = volumeIn(profile, month, random);
    for (let i = 0; i < count; i += 1) {
      serial += 1;
      const { satisfaction, ratings } = experienceOf(profile, quality, random);
      const at = new Date(month.start.getTime() + random.int(0, month.days - 1) * 86_400_000 + random.int(11 * 3600, 22 * 3600) * 1000);
      const site = siteOf?.({ monthIndex: month.index, daysBeforeEnd: (endOf(months) - at.getTime()) / 86_400_000, satisfaction });
      const asks = (metric: TouchpointProfile["metrics"][number]) => profile.metrics.includes(metric);
      const named = random.chance(0.35);
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      yield {
        touchpointId,
        locationId: site ? locationIds.get(site)! : null,
        respondedAt: at,
        // Where attributes are asked, the overall CSAT is the guest's own summary of the visit: the same
        // satisfaction, read with some noise of its own, so it explains NPS without replacing the attributes.
        csat: 1 + Math.round((ratings ? clamp(satisfaction + random.normal(0, 0.25), 0, 1) : satisfaction) * 4),
        nps: asks("nps") && random.chance(0.8) ? Math.round(clamp(satisfaction * 9 + 1.8 + random.normal(0, 0.8), 0, 10)) : null,
        ces: asks("ces") ? 1 + Math.round(clamp(satisfaction + random.normal(0, 0.08), 0, 1) * 6) : null,
        customValues: asks("review_stars") ? { review_stars: 1 + Math.round(satisfaction * 4) } : ratings,
        comment: commentFor(code, profile, satisfaction, afterBillingChange, random),
        externalId: `demo-${code}-${String(serial).padStart(6, "0")}`,
        respondentEmail: named
          ? `${first}.${last}${serial % 97}@mail.example`
              .toLowerCase()
              .normalize("NFD")
              .replace(/[\u0300-\u036f]/g, "")
          : null,
        respondentName: named ? `${first} ${last}` : null,
      };
    }
  }
}

async function* inChunks(rows: Iterable<ResponseInput>, size: number): AsyncGenerator<ResponseInput[]> {
  let chunk: ResponseInput[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

async function setDemoPasswords(db: Database): Promise<void> {
  // Every demo account shares one password, so one (deliberately slow) hash serves them all.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db
    .update(users)
    .set({ passwordHash })
    .where(
      inArray(
        users.email,
        demoModel.users.map((u) => u.email),
      ),
    );
}

async function seedInitiatives(db: Database, months: MonthWindow[]): Promise<void> {
  const rows = await db.select({ id: touchpoints.id, code: touchpoints.code, ownerId: touchpoints.ownerId }).from(touchpoints);
  const byPattern = (pattern: TouchpointProfile["pattern"]) => rows.filter((r) => demoProfiles[r.code]?.pattern === pattern);
  const improvementStart = months[IMPROVEMENT_START_MONTH]!.start;
  const billingChange = months[billingChangeMonth]!.start;
  const plans = [
    ...byPattern("improving").map((tp) => ({
      tp,
      title: "Pre-booked valet with the reservation",
      problem: "Guests queue at the kerb at peak times; comments mention waiting for cars.",
      status: "in_progress" as const,
      start: improvementStart,
      due: months[MONTHS - 1]!.start,
      percentComplete: 70,
      target: 85,
    })),
    ...byPattern("declining").map((tp) => ({
      tp,
      title: "Rebuild live courier tracking",
      problem: "The map freezes and 'delivered' shows before the food arrives.",
      status: "not_started" as const,
      start: months[MONTHS - 1]!.start,
      due: null,
      percentComplete: 0,
      target: 80,
    })),
    ...byPattern("billing_change")
      .slice(0, 1)
      .map((tp) => ({
        tp,
        title: "Explain the service charge on the bill",
        problem: "Since the new service charge, guests call care to ask what it is.",
        status: "on_hold" as const,
        // Aimed at the calls the bill causes: on hold while they keep rising, its impact card says so.
        aim: "contacts" as const,
        start: billingChange,
        due: null,
        percentComplete: 20,
        target: 200,
      })),
  ];
  for (const plan of plans) {
    const owner = plan.tp.ownerId ? await activeUserById(db, plan.tp.ownerId) : null;
    if (!owner) continue;
    // Through the production write path, so each gets its baseline from the roll-ups and its audit entry.
    const created = await createInitiative(db, owner, {
      touchpointId: plan.tp.id,
      title: plan.title,
      problem: plan.problem,
      metricCode: "csat",
      aim: "aim" in plan ? plan.aim : "score",
      status: plan.status,
      target: plan.target,
      startDate: isoDate(plan.start),
      dueDate: plan.due ? isoDate(plan.due) : null,
      percentComplete: plan.percentComplete,
    });
    // The kick-off note is dated at the start, as if it had been posted then.
    await db.insert(initiativeUpdates).values({
      initiativeId: created.id,
      authorId: owner.id,
      body: `Kick-off: ${plan.problem}`,
      statusFrom: null,
      statusTo: plan.status,
      createdAt: plan.start,
    });
  }
}

/**
 * Owners' self-assessments for this quarter and the last: owners are optimistic (the perception gap), and
 * some touchpoints are left unassessed this quarter so the reminders have something to show.
 */
async function seedAssessments(db: Database, endDate: Date): Promise<void> {
  const rows = await db.select({ id: touchpoints.id, code: touchpoints.code, ownerId: touchpoints.ownerId }).from(touchpoints);
  const current = quarterOf(isoDate(endDate));
  const previous = quarterOf(isoDate(new Date(Date.UTC(endDate.getUTCFullYear(), endDate.getUTCMonth() - 3, 1))));
  for (const tp of rows) {
    const owner = tp.ownerId ? await activeUserById(db, tp.ownerId) : null;
    if (!owner) continue;
    const random = seededRandom(DEMO_SEED ^ hashString(`assessment:${tp.code}`));
    for (const quarter of [previous, current]) {
      // Billing's payment touchpoints are behind this quarter, and a few others here and there.
      if (quarter === current && (tp.code.startsWith("PAY-") || random.chance(0.1))) continue;
      const ability = () => random.int(3, 5);
      await saveAssessment(db, owner, {
        touchpointId: tp.id,
        quarter,
        capability: ability(),
        accessibility: ability(),
        enjoyability: ability(),
        expectedScore: random.int(68, 90),
      });
    }
  }
}

/** Seed the demo company into an empty database. `endDate` (default today, UTC) is the last day with responses. */
export async function seedDemoCompany(db: Database, options: { endDate?: Date } = {}): Promise<SeedSummary> {
  const started = performance.now();
  const endDate = options.endDate ?? new Date();
  // The model carries the codebook, so the responses below are tagged as they are written (as any import is).
  await importModel(db, seedActor, demoModel);
  await setDemoPasswords(db);
  const months = monthWindows(endDate);
  const touchpointRows = await db.select({ id: touchpoints.id, code: touchpoints.code }).from(touchpoints);
  const locationIds = new Map((await db.select({ id: locations.id, code: locations.code }).from(locations)).map((l) => [l.code, l.id]));
  function* allResponses() {
    for (const tp of touchpointRows) {
      const profile = demoProfiles[tp.code];
      if (profile) yield* responsesFor(tp.code, tp.id, profile, months, locationIds);
    }
  }
  const result = await ingestBatch(
    db,
    {
      fileName: "Larder & Lane demo responses",
      fileHash: `demo:${DEMO_SEED}:${isoDate(endDate)}`,
      sourceFormat: "demo",
      source: "api",
    },
    inChunks(allResponses(), 2_000),
  );
  const contacts = await seedDemoContacts(db, seedActor, months, endDate);
  await seedDemoVolumes(db, seedActor, months, DEMO_SEED);
  await seedInitiatives(db, months);
  await seedAssessments(db, endDate);
  await seedDemoAlerts(db, seedActor, { endDate, batchId: result.batchId, billingChange: months[billingChangeMonth]!.start });
  return { responses: result.inserted, contacts, touchpoints: touchpointRows.length, seconds: (performance.now() - started) / 1000 };
}
