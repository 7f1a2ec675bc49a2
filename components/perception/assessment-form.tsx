"use client";
// One touchpoint's quarterly self-assessment: the three abilities (1–5) and the score customers are
// expected to give (0–100). Saved per touchpoint; saving again replaces this quarter's answer.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/lib/trpc-client";
import type { RouterOutputs } from "@/lib/router-types";

const abilities = [
  { key: "capability", label: "Capability", hint: "Does it do what the customer needs?" },
  { key: "accessibility", label: "Accessibility", hint: "Is it easy to reach and use?" },
  { key: "enjoyability", label: "Enjoyability", hint: "Is it pleasant?" },
] as const;

/** One of the owner's touchpoints with this quarter's assessment, as `perception.mine` returns it. */
export type AssessmentRow = RouterOutputs["perception"]["mine"]["touchpoints"][number];

export function AssessmentForm({ row, quarter }: { row: AssessmentRow; quarter: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  // A new assessment starts blank: a pre-filled 3·3·3 would be saved as an owner's judgement nobody made.
  const [values, setValues] = useState({
    capability: row.capability == null ? "" : String(row.capability),
    accessibility: row.accessibility == null ? "" : String(row.accessibility),
    enjoyability: row.enjoyability == null ? "" : String(row.enjoyability),
    expectedScore: row.expectedScore == null ? "" : String(row.expectedScore),
  });
  const save = useMutation(trpc.perception.save.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <form
      className="card assessment"
      aria-label={`Assess ${row.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({
          touchpointId: row.touchpointId,
          quarter,
          capability: Number(values.capability),
          accessibility: Number(values.accessibility),
          enjoyability: Number(values.enjoyability),
          expectedScore: Number(values.expectedScore),
        });
      }}
    >
      <h2>
        {row.name} <span className="muted">{row.code}</span>{" "}
        {row.expectedScore != null ? <span className="tag status-imported">assessed</span> : <span className="tag inactive">missing</span>}
      </h2>
      <div className="editor-row">
        {abilities.map((ability) => (
          <div key={ability.key}>
            <label htmlFor={`${id}-${ability.key}`}>{ability.label}</label>
            <select
              id={`${id}-${ability.key}`}
              value={values[ability.key]}
              required
              onChange={(e) => setValues({ ...values, [ability.key]: e.target.value })}
              aria-describedby={`${id}-${ability.key}-hint`}
            >
              <option value="" disabled>
                Choose 1–5
              </option>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n} {n === 1 ? "(poorly)" : n === 5 ? "(very well)" : ""}
                </option>
              ))}
            </select>
            <div id={`${id}-${ability.key}-hint`} className="muted hint">
              {ability.hint}
            </div>
          </div>
        ))}
        <div>
          <label htmlFor={`${id}-expected`}>Score customers will give (0–100)</label>
          <input
            id={`${id}-expected`}
            type="number"
            min={0}
            max={100}
            step="any"
            required
            value={values.expectedScore}
            onChange={(e) => setValues({ ...values, expectedScore: e.target.value })}
          />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save assessment
        </button>
        {save.isSuccess ? (
          <span role="status" className="good-text">
            Saved for {quarter}.
          </span>
        ) : null}
      </div>
      {save.error ? (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      ) : null}
    </form>
  );
}
