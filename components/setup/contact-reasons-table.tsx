"use client";
// The reasons table: tick reasons and map them together from the bulk bar, or one at a time from its row;
// the server refuses a failure mapping without an active touchpoint, and says so at the touchpoint.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { countOf, formatContactShare, formatNumber } from "@/components/format";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc-client";
import {
  ClassFields,
  classInput,
  classificationText,
  problemsByField,
  ruleText,
  touchpointText,
  type ClassDraft,
  type ReasonRow,
  type TouchpointChoice,
} from "./contact-reasons-shared";

type MapResult = RouterOutputs["contactReasons"]["map"];

/** What a mapping did, in words, including reasons a rule still classifies after their own mapping was removed. */
function resultText(result: MapResult, touchpoints: readonly TouchpointChoice[]): string {
  const reasons = countOf(result.mapped, "reason");
  const cause = result.touchpoint ? touchpoints.find((t) => t.id === result.touchpoint!.id) : undefined;
  const done =
    result.kind === "failure"
      ? `Mapped ${reasons} to failure demand caused by ${cause ? touchpointText(cause) : result.touchpoint?.code}.`
      : result.kind === "value"
        ? `Mapped ${reasons} to value demand.`
        : `${reasons} ${result.mapped === 1 ? "is" : "are"} now without a mapping of their own.`;
  if (!result.stillByRule.length) return done;
  const ruled = result.stillByRule.map((r) => `“${r.reason}” (rule ${ruleText(r.rule)})`).join(", ");
  return `${done} A rule still classifies ${countOf(result.stillByRule.length, "of them", "of them")}: ${ruled}; delete or change the rule to leave ${result.stillByRule.length === 1 ? "it" : "them"} unclassified.`;
}

function viaText(row: ReasonRow): string {
  const by = row.classifiedBy;
  if (!by) return "—";
  if (by.by === "rule") return `rule: ${ruleText(by.rule)}`;
  return by.overridesRule ? `own mapping (wins over rule ${ruleText(by.overridesRule)})` : "own mapping";
}

const emptyDraft: ClassDraft = { kind: "failure", touchpointId: null };

function QuickMap({ row, touchpoints, onDone }: { row: ReasonRow; touchpoints: readonly TouchpointChoice[]; onDone: (text: string) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const current: ClassDraft =
    row.classifiedBy?.by === "mapping"
      ? { kind: row.classification.kind, touchpointId: row.classification.kind === "failure" ? (row.classification.touchpoint?.id ?? null) : null }
      : emptyDraft;
  const [draft, setDraft] = useState<ClassDraft>(current);
  const map = useMutation(trpc.contactReasons.map.mutationOptions());
  const problems = problemsByField(map.error);
  return (
    <>
      <button
        type="button"
        aria-label={`Map ${row.name}…`}
        onClick={() => {
          setDraft(current);
          map.reset();
          dialog.current?.showModal();
        }}
      >
        Map…
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="confirm-dialog">
        <form
          className="editor"
          onSubmit={(event) => {
            event.preventDefault();
            map.mutate(
              { reasonIds: [row.id], ...classInput(draft) },
              {
                onSuccess: (result) => {
                  dialog.current?.close();
                  onDone(resultText(result, touchpoints));
                  router.refresh();
                },
              },
            );
          }}
        >
          <h2 id={titleId}>Map “{row.name}”</h2>
          <p className="muted">
            {formatNumber(row.contacts)} in the last 90 days. Now: {classificationText(row.classification)}
            {row.classifiedBy?.by === "rule" ? ` (by the rule ${ruleText(row.classifiedBy.rule)})` : ""}.
          </p>
          <ClassFields legend="Map to:" draft={draft} touchpoints={touchpoints} problem={problems.touchpointId} onChange={setDraft} />
          {map.error && !problems.touchpointId ? (
            <p role="alert" className="error">
              {map.error.message}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={map.isPending}>
              {map.isPending ? "Saving…" : "Save"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

export function ContactReasonTable({ reasons, touchpoints, matching }: { reasons: ReasonRow[]; touchpoints: TouchpointChoice[]; matching: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [draft, setDraft] = useState<ClassDraft>(emptyDraft);
  const [status, setStatus] = useState("");
  const selectAll = useRef<HTMLInputElement>(null);
  const map = useMutation(trpc.contactReasons.map.mutationOptions());
  const problems = problemsByField(map.error);
  // A reason that left the list (filtered out, or the page refreshed) is no longer selected.
  const shown = new Set(reasons.map((r) => r.id));
  const chosen = [...selected].filter((id) => shown.has(id));
  const allChosen = reasons.length > 0 && chosen.length === reasons.length;
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = chosen.length > 0 && !allChosen;
  }, [chosen.length, allChosen]);
  const toggle = (id: number, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <form
        className="card editor"
        aria-label="Map the selected reasons"
        style={{ position: "sticky", top: 0, zIndex: 1 }}
        onSubmit={(event) => {
          event.preventDefault();
          setStatus("");
          map.mutate(
            { reasonIds: chosen, ...classInput(draft) },
            {
              onSuccess: (result) => {
                setStatus(resultText(result, touchpoints));
                setSelected(new Set());
                router.refresh();
              },
            },
          );
        }}
      >
        <ClassFields
          legend={chosen.length ? `Map ${countOf(chosen.length, "reason")} to:` : "Tick reasons below, then map them to:"}
          draft={draft}
          touchpoints={touchpoints}
          problem={problems.touchpointId}
          onChange={setDraft}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={map.isPending || chosen.length === 0}>
            {map.isPending ? "Mapping…" : chosen.length ? `Map ${countOf(chosen.length, "reason")}` : "Map"}
          </button>
          {chosen.length ? (
            <button type="button" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
          ) : null}
          <span role="status" className="good-text">
            {status}
          </span>
        </div>
        {map.error && !problems.touchpointId ? (
          <p role="alert" className="error">
            {map.error.message}
          </p>
        ) : null}
      </form>
      <div className="table-scroll">
        <table className="data" style={{ margin: "16px 0" }}>
          <caption className="muted" style={{ textAlign: "left", padding: "0 0 6px" }}>
            {matching > reasons.length
              ? `The ${formatNumber(reasons.length)} largest of ${countOf(matching, "matching reason")}; search to find the others.`
              : `${countOf(reasons.length, "reason")}, largest first.`}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <input
                  ref={selectAll}
                  type="checkbox"
                  aria-label="Select every reason shown"
                  checked={allChosen}
                  onChange={(e) => setSelected(e.target.checked ? new Set(reasons.map((r) => r.id)) : new Set())}
                />
              </th>
              <th scope="col">Reason</th>
              <th scope="col">Contacts, last 90 days</th>
              <th scope="col">Share</th>
              <th scope="col">Classified as</th>
              <th scope="col">Via</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((row) => (
              <tr key={row.id}>
                <td>
                  <input type="checkbox" aria-label={`Select ${row.name}`} checked={selected.has(row.id)} onChange={(e) => toggle(row.id, e.target.checked)} />
                </td>
                <th scope="row" style={{ fontWeight: "normal" }}>
                  {row.name}
                </th>
                <td>{formatNumber(row.contacts)}</td>
                <td>{formatContactShare(row.share)}</td>
                <td>
                  {row.counts === "unclassified" ? (
                    <span className="muted">{classificationText(row.classification)}</span>
                  ) : (
                    classificationText(row.classification)
                  )}
                </td>
                <td>{viaText(row)}</td>
                <td className="row-actions">
                  <QuickMap row={row} touchpoints={touchpoints} onDone={setStatus} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
