// The model file as one JSON document: departments, owners, locations, journeys, stages, touchpoints, targets,
// contact-reason mappings and rules, and the themes' codebook. Used by `model export/import`, the admin page and the seed.
import { z } from "zod";
import { channels, locationKinds, metricDirections, userRoles } from "@/lib/enums";
import { contactReasonEntrySchema, contactReasonProblems, contactReasonRuleEntrySchema, type KeptCauses } from "./contact-reasons";
import { locationCode, name, ownerProblem, parentProblem, touchpointCode } from "./rules";
import { themeEntrySchema, themeProblems } from "./themes";

export { name, touchpointCode };

export const modelDocumentSchema = z.object({
  version: z.literal(1),
  departments: z.array(z.object({ name, description: z.string().nullish(), head: z.email().nullish() }).strict()),
  users: z.array(z.object({ email: z.email(), name, role: z.enum(userRoles), department: name.nullish(), active: z.boolean().default(true) }).strict()),
  customMetrics: z
    .array(
      z
        .object({
          code: z.string().regex(/^[a-z][a-z0-9_]*$/, "use lower_snake_case"),
          name,
          scaleMin: z.number(),
          scaleMax: z.number(),
          direction: z.enum(metricDirections).default("higher_is_better"),
          topBoxMin: z.number().nullish(),
          description: z.string().nullish(),
        })
        .strict(),
    )
    .default([]),
  touchpoints: z.array(
    z
      .object({
        code: touchpointCode,
        name,
        channel: z.enum(channels),
        department: name,
        owner: z.email().nullish(),
        momentOfTruth: z.boolean().default(false),
        weight: z.number().positive().max(100).default(1),
        description: z.string().nullish(),
        active: z.boolean().default(true),
        // Metric code → target in the metric's reported unit (NPS points, CSAT %, CES mean).
        targets: z.record(z.string(), z.number()).default({}),
      })
      .strict(),
  ),
  // Regions and sites; `region` names the parent region's code (a site needs one). Older files have none.
  locations: z
    .array(
      z
        .object({
          code: locationCode,
          name,
          kind: z.enum(locationKinds),
          region: locationCode.nullish(),
          manager: z.email().nullish(),
          active: z.boolean().default(true),
        })
        .strict(),
    )
    .default([]),
  journeys: z.array(
    z
      .object({
        name,
        description: z.string().nullish(),
        persona: z.string().nullish(),
        active: z.boolean().default(true),
        stages: z.array(z.object({ name, description: z.string().nullish(), touchpoints: z.array(z.string()) }).strict()),
      })
      .strict(),
  ),
  // Mapped contact reasons by name and reason rules, touchpoints by code; a file without them leaves both as they are.
  contactReasons: z.array(contactReasonEntrySchema).optional(),
  contactReasonRules: z.array(contactReasonRuleEntrySchema).optional(),
  // The codebook, themes by name (touchpoints by code); a file without it leaves the themes as they are.
  themes: z.array(themeEntrySchema).optional(),
});

export type ModelDocument = z.infer<typeof modelDocumentSchema>;
export type ModelDocumentInput = z.input<typeof modelDocumentSchema>;

export interface ModelProblem {
  path: string;
  message: string;
}

function duplicates(values: string[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return repeated;
}

/** Every cross-reference problem in a parsed document: duplicates and names that point nowhere. */
function referenceProblems(doc: ModelDocument, knownMetricCodes: Set<string>): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const departmentNames = new Set(doc.departments.map((d) => d.name));
  const emails = new Set(doc.users.map((u) => u.email.toLowerCase()));
  const people = new Map(doc.users.map((u) => [u.email.toLowerCase(), u]));
  const codes = new Set(doc.touchpoints.map((t) => t.code));
  const metricCodes = new Set([...knownMetricCodes, ...doc.customMetrics.map((m) => m.code)]);
  const report = (path: string, message: string) => problems.push({ path, message });

  const dupDepartments = duplicates(doc.departments.map((d) => d.name));
  doc.departments.forEach((d, i) => {
    if (dupDepartments.has(d.name)) report(`departments[${i}].name`, `duplicate department "${d.name}"`);
    if (d.head && !emails.has(d.head.toLowerCase())) report(`departments[${i}].head`, `no user with email ${d.head}`);
  });
  const dupEmails = duplicates(doc.users.map((u) => u.email.toLowerCase()));
  doc.users.forEach((u, i) => {
    if (dupEmails.has(u.email.toLowerCase())) report(`users[${i}].email`, `duplicate user ${u.email}`);
    if (u.department && !departmentNames.has(u.department)) report(`users[${i}].department`, `no department "${u.department}"`);
  });
  const dupCodes = duplicates(doc.touchpoints.map((t) => t.code));
  doc.touchpoints.forEach((t, i) => {
    if (dupCodes.has(t.code)) report(`touchpoints[${i}].code`, `duplicate touchpoint code ${t.code}`);
    if (!departmentNames.has(t.department)) report(`touchpoints[${i}].department`, `no department "${t.department}"`);
    if (t.owner && !emails.has(t.owner.toLowerCase())) report(`touchpoints[${i}].owner`, `no user with email ${t.owner}`);
    const owner = t.owner ? people.get(t.owner.toLowerCase()) : undefined;
    const ownerRule = owner ? ownerProblem(owner) : undefined;
    if (ownerRule) report(`touchpoints[${i}].owner`, ownerRule);
    for (const metric of Object.keys(t.targets)) {
      if (!metricCodes.has(metric)) report(`touchpoints[${i}].targets.${metric}`, `no metric "${metric}"`);
    }
  });
  const dupLocations = duplicates(doc.locations.map((l) => l.code));
  const locationsByCode = new Map(doc.locations.map((l) => [l.code, l]));
  const ancestorCodes = (code: string | null | undefined, seen = new Set<string>()): string[] => {
    const parent = code ? locationsByCode.get(code) : undefined;
    if (!parent || seen.has(parent.code)) return [];
    seen.add(parent.code);
    return [parent.code, ...ancestorCodes(parent.region, seen)];
  };
  doc.locations.forEach((l, i) => {
    if (dupLocations.has(l.code)) report(`locations[${i}].code`, `duplicate location code ${l.code}`);
    const parent = l.region ? locationsByCode.get(l.region) : undefined;
    if (l.region && !parent) report(`locations[${i}].region`, `no location with code ${l.region}`);
    else {
      const rule = parentProblem(l, parent && { ...parent, ancestors: ancestorCodes(parent.region) });
      if (rule) report(`locations[${i}].region`, rule);
    }
    const manager = l.manager ? people.get(l.manager.toLowerCase()) : undefined;
    if (l.manager && !manager) report(`locations[${i}].manager`, `no user with email ${l.manager}`);
    const managerRule = manager ? ownerProblem(manager) : undefined;
    if (managerRule) report(`locations[${i}].manager`, managerRule);
  });
  const dupJourneys = duplicates(doc.journeys.map((j) => j.name));
  doc.journeys.forEach((j, i) => {
    if (dupJourneys.has(j.name)) report(`journeys[${i}].name`, `duplicate journey "${j.name}"`);
    const dupStages = duplicates(j.stages.map((s) => s.name));
    j.stages.forEach((s, k) => {
      if (dupStages.has(s.name)) report(`journeys[${i}].stages[${k}].name`, `duplicate stage "${s.name}"`);
      s.touchpoints.forEach((code, m) => {
        if (!codes.has(code)) report(`journeys[${i}].stages[${k}].touchpoints[${m}]`, `no touchpoint with code ${code}`);
      });
    });
  });
  return problems;
}

export type ValidationResult = { ok: true; document: ModelDocument } | { ok: false; problems: ModelProblem[] };

/**
 * Parse and cross-check a model document; lists every problem at once rather than stopping at the first.
 * `keptCauses` are the database's failure-demand causes, which may stay on a since-deactivated touchpoint.
 */
export function validateModelDocument(input: unknown, knownMetricCodes: Set<string>, keptCauses?: KeptCauses): ValidationResult {
  const parsed = modelDocumentSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ path: issue.path.join(".") || "(document)", message: issue.message })),
    };
  }
  const problems = [...referenceProblems(parsed.data, knownMetricCodes), ...contactReasonProblems(parsed.data, keptCauses), ...themeProblems(parsed.data)];
  return problems.length ? { ok: false, problems } : { ok: true, document: parsed.data };
}
