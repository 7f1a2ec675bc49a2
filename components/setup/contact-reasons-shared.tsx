"use client";
// What the Contact reasons page's forms share: the choice of a class (failure demand with its touchpoint, value
// demand, unclassified), how a class and a rule read, and the server's problems placed at their fields.
import { useId } from "react";
import { classificationLabel, ruleMatchLabel, type ReasonClassification } from "@/lib/contact-reasons";
import type { RouterOutputs } from "@/lib/router-types";

export type ReasonList = RouterOutputs["contactReasons"]["list"];
export type ReasonRow = ReasonList["reasons"][number];
export type TouchpointChoice = ReasonList["touchpoints"][number];

/** A class as the forms hold it: failure needs a touchpoint, the others carry none. */
export interface ClassDraft {
  kind: ReasonClassification;
  touchpointId: number | null;
}

/** What a mapping or rule call sends for a draft: a touchpoint only with failure demand. */
export const classInput = (draft: ClassDraft) => ({
  kind: draft.kind,
  touchpointId: draft.kind === "failure" ? (draft.touchpointId ?? undefined) : undefined,
});

type Problem = { field: string; message: string };
type ErrorLike = {
  message: string;
  data?: { problems?: readonly Problem[]; zodError?: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> | null } | null;
} | null;

/** The server's problems by field ("touchpointId", "pattern"), from the domain's words or the input check. */
export function problemsByField(error: ErrorLike): Record<string, string> {
  if (!error) return {};
  const fromDomain = (error.data?.problems ?? []).map((p) => [p.field, p.message] as const);
  const fromInput = (error.data?.zodError ?? []).map((issue) => [issue.path.map(String).join("."), issue.message] as const);
  return Object.fromEntries([...fromInput, ...fromDomain]);
}

export function touchpointText(t: Pick<TouchpointChoice, "code" | "name" | "departmentName">): string {
  return `${t.code} ${t.name} (${t.departmentName})`;
}

/** How a reason is classified now, in words: "Failure demand · BIL-BILL The bill (Billing)". */
export function classificationText(classification: ReasonRow["classification"]): string {
  if (classification.kind !== "failure") return classificationLabel[classification.kind];
  if (!classification.touchpoint) return "Failure demand · its touchpoint was deleted, so it counts as unclassified";
  return `${classificationLabel.failure} · ${touchpointText(classification.touchpoint)}${classification.touchpoint.active ? "" : " — deactivated"}`;
}

export function ruleText(rule: { match: "exact" | "prefix"; pattern: string }): string {
  return `${ruleMatchLabel[rule.match].toLowerCase()} “${rule.pattern}”`;
}

/**
 * Failure demand caused by [touchpoint] / value demand / unclassified: a radio group, the touchpoint's select
 * beside failure demand. Deactivated touchpoints are not offered (the server refuses them too).
 */
export function ClassFields({
  legend,
  draft,
  touchpoints,
  problem,
  kinds = ["failure", "value", "unclassified"],
  onChange,
}: {
  legend: string;
  draft: ClassDraft;
  touchpoints: readonly TouchpointChoice[];
  /** The server's words for the touchpoint, said at its select. */
  problem?: string;
  kinds?: readonly ReasonClassification[];
  onChange: (draft: ClassDraft) => void;
}) {
  const id = useId();
  const active = touchpoints.filter((t) => t.active);
  const label: Record<ReasonClassification, string> = { failure: "failure demand caused by", value: "value demand", unclassified: "unclassified" };
  return (
    <fieldset
      className="class-fields"
      style={{ border: "none", padding: 0, margin: 0, display: "flex", flexWrap: "wrap", gap: "8px 16px", alignItems: "center" }}
    >
      <legend style={{ float: "left", marginRight: 8, padding: 0 }}>{legend}</legend>
      {kinds.map((kind) => (
        <span key={kind} style={{ display: "inline-flex", alignItems: "center", gap: 6 }}>
          <label className="inline" style={{ display: "inline-flex", gap: 4, alignItems: "center", margin: 0 }}>
            <input type="radio" name={`${id}-kind`} value={kind} checked={draft.kind === kind} onChange={() => onChange({ ...draft, kind })} /> {label[kind]}
          </label>
          {kind === "failure" ? (
            <span>
              <label htmlFor={`${id}-touchpoint`} className="visually-hidden">
                Touchpoint whose failure causes the contact
              </label>
              <select
                id={`${id}-touchpoint`}
                value={draft.touchpointId ?? ""}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-touchpoint-problem` : undefined}
                onChange={(e) => onChange({ kind: "failure", touchpointId: e.target.value ? Number(e.target.value) : null })}
              >
                <option value="">Choose a touchpoint…</option>
                {active.map((t) => (
                  <option key={t.id} value={t.id}>
                    {touchpointText(t)}
                  </option>
                ))}
              </select>
              {problem ? (
                <span id={`${id}-touchpoint-problem`} className="field-error" role="alert" style={{ display: "block" }}>
                  {problem}
                </span>
              ) : null}
            </span>
          ) : null}
        </span>
      ))}
    </fieldset>
  );
}
