"use client";
// Reason rules: add one (is exactly / starts with a pattern → failure demand caused by a touchpoint, or value
// demand) or delete one; each row says how many reasons it classifies now. Problems are said at their fields.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { countOf } from "@/components/format";
import { ruleKindLabel, ruleMatchLabel, ruleMatches } from "@/lib/contact-reasons";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc-client";
import { ClassFields, classInput, problemsByField, ruleText, touchpointText, type ClassDraft, type TouchpointChoice } from "./contact-reasons-shared";

type Rule = RouterOutputs["contactReasons"]["rules"][number];
type Match = Rule["match"];

function DeleteRule({ rule, onDone }: { rule: Rule; onDone: (text: string) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.contactReasons.deleteRule.mutationOptions());
  return (
    <>
      <button
        type="button"
        className="danger"
        aria-label={`Delete the rule ${ruleText(rule)}`}
        disabled={remove.isPending}
        onClick={() =>
          remove.mutate(
            { id: rule.id },
            {
              onSuccess: () => {
                onDone(`Deleted the rule ${ruleText(rule)}; its reasons now follow their own mapping, another rule, or are unclassified.`);
                router.refresh();
              },
            },
          )
        }
      >
        {remove.isPending ? "Deleting…" : "Delete"}
      </button>
      {remove.error ? (
        <span role="alert" className="error" style={{ display: "block" }}>
          {remove.error.message}
        </span>
      ) : null}
    </>
  );
}

function ruleClassText(rule: Rule): string {
  if (rule.kind === "value") return ruleKindLabel.value;
  return rule.touchpoint ? `${ruleKindLabel.failure} · ${touchpointText(rule.touchpoint)}` : ruleKindLabel.failure;
}

export function ContactReasonRules({ rules, touchpoints }: { rules: Rule[]; touchpoints: TouchpointChoice[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [match, setMatch] = useState<Match>("prefix");
  const [pattern, setPattern] = useState("");
  const [draft, setDraft] = useState<ClassDraft>({ kind: "failure", touchpointId: null });
  const [status, setStatus] = useState("");
  const create = useMutation(trpc.contactReasons.createRule.mutationOptions());
  const problems = problemsByField(create.error);
  const placed = problems.pattern || problems.touchpointId;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Rules</h2>
      <p className="muted">
        A rule classifies every reason that is, or starts with, its pattern (case is ignored), including reasons that arrive with later imports. An exact rule
        wins over a prefix, the longest prefix wins over shorter ones, and a reason&apos;s own mapping wins over every rule.
      </p>
      {rules.length ? (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Pattern</th>
                <th scope="col">Classifies as</th>
                <th scope="col">Reasons classified now</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={rule.id}>
                  <td>{ruleMatchLabel[rule.match]}</td>
                  <th scope="row" style={{ fontWeight: "normal" }}>
                    <code>{rule.pattern}</code>
                  </th>
                  <td>
                    {ruleClassText(rule)}
                    {rule.touchpoint && !rule.touchpoint.active ? <span className="muted"> — deactivated</span> : null}
                  </td>
                  <td>
                    {countOf(rule.reasons, "reason")}
                    {rule.matches > rule.reasons ? (
                      <div className="muted">
                        {countOf(rule.matches - rule.reasons, "more reason")} {rule.matches - rule.reasons === 1 ? "matches" : "match"}, but a mapping or a
                        closer rule wins
                      </div>
                    ) : null}
                  </td>
                  <td className="row-actions">
                    <DeleteRule rule={rule} onDone={setStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No rules yet.</p>
      )}
      <form
        className="editor"
        aria-label="New rule"
        onSubmit={(event) => {
          event.preventDefault();
          setStatus("");
          create.mutate(
            { match, pattern, ...classInput(draft), kind: draft.kind === "value" ? "value" : "failure" },
            {
              onSuccess: (created) => {
                setStatus(`Added the rule ${ruleText(created)}: it classifies ${countOf(created.reasons, "reason")} now.`);
                setPattern("");
                router.refresh();
              },
            },
          );
        }}
      >
        <h3>New rule</h3>
        <div className="editor-row">
          <div>
            <label htmlFor={`${id}-match`}>Reason</label>
            <select id={`${id}-match`} value={match} onChange={(e) => setMatch(e.target.value as Match)}>
              {ruleMatches.map((m) => (
                <option key={m} value={m}>
                  {ruleMatchLabel[m].toLowerCase()}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-pattern`}>Pattern</label>
            <input
              id={`${id}-pattern`}
              type="text"
              required
              maxLength={200}
              value={pattern}
              onChange={(e) => setPattern(e.target.value)}
              aria-invalid={problems.pattern ? true : undefined}
              aria-describedby={problems.pattern ? `${id}-pattern-problem` : `${id}-pattern-hint`}
            />
            {problems.pattern ? (
              <p id={`${id}-pattern-problem`} className="field-error" role="alert">
                {problems.pattern}
              </p>
            ) : (
              <div id={`${id}-pattern-hint`} className="hint muted">
                A tag such as “charge_query”, or how reasons start, such as “billing/”.
              </div>
            )}
          </div>
        </div>
        <ClassFields
          legend="Classify as:"
          draft={draft}
          touchpoints={touchpoints}
          kinds={["failure", "value"]}
          problem={problems.touchpointId}
          onChange={setDraft}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? "Adding…" : "Add rule"}
          </button>
          <span role="status" className="good-text">
            {status}
          </span>
        </div>
        {create.error && !placed ? (
          <p role="alert" className="error">
            {create.error.message}
          </p>
        ) : null}
      </form>
    </section>
  );
}
