"use client";
// Monthly volumes: each touchpoint's transactions a month over the last 12 months with volumes, a form to set or
// clear one month, and a box that takes pasted CSV rows; every problem is said beside its field or its row.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { countOf, formatDate, formatMonth, formatNumber } from "@/components/format";
import type { RouterOutputs } from "@/lib/router-types";
import { checkVolumeRows, MAX_VOLUME_ROWS, monthsEnding, parseVolumeCsv, rowOfField, type VolumeProblem } from "@/lib/touchpoint-volumes";
import { useTRPC } from "@/lib/trpc-client";
import { touchpointText, type TouchpointChoice } from "./contact-reasons-shared";

type Volume = RouterOutputs["contactReasons"]["volumes"][number];
type Saved = RouterOutputs["contactReasons"]["setVolumes"];
type Field = "touchpoint" | "month" | "transactions";

const WINDOW_MONTHS = 12;
const inputStyle = { font: "inherit", width: "100%", padding: "6px 8px", border: "1px solid var(--line)", borderRadius: 6, background: "var(--paper)" };

type ErrorLike = { message: string; data?: { problems?: readonly { field: string; message: string }[] } | null } | null;

/** The server's problems, each with the row its field names, or its message as one problem. */
function serverProblems(error: unknown): VolumeProblem[] {
  const err = error as ErrorLike;
  const problems = err?.data?.problems ?? [];
  if (problems.length === 0) return [{ row: null, field: "", message: err?.message ?? "Not saved; try again." }];
  return problems.map((p) => ({ ...p, row: rowOfField(p.field) }));
}

const savedText = (saved: Saved) =>
  `Saved ${countOf(saved.rows, "monthly volume")} for ${countOf(saved.touchpoints.length, "touchpoint")} (${formatMonth(saved.from)}` +
  `${saved.from === saved.to ? "" : ` to ${formatMonth(saved.to)}`}): ${saved.created} new, ${saved.updated} changed, ${saved.unchanged} unchanged.`;

/** The current month in UTC as YYYY-MM, where the table ends when nothing is recorded yet. */
const thisMonth = () => new Date().toISOString().slice(0, 7);

function VolumeTable({ volumes, months, onPick }: { volumes: Volume[]; months: string[]; onPick: (volume: Volume) => void }) {
  const byTouchpoint = new Map<string, { first: Volume; months: Map<string, Volume> }>();
  for (const v of volumes) {
    const entry = byTouchpoint.get(v.touchpoint) ?? { first: v, months: new Map() };
    entry.months.set(v.month, v);
    byTouchpoint.set(v.touchpoint, entry);
  }
  return (
    <div className="table-scroll">
      <table className="data" aria-label="Transactions a month by touchpoint">
        <thead>
          <tr>
            <th scope="col">Touchpoint</th>
            {months.map((m) => (
              <th key={m} scope="col" className="num">
                {formatMonth(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...byTouchpoint.values()].map(({ first, months: cells }) => (
            <tr key={first.touchpoint}>
              <th scope="row" style={{ fontWeight: "normal" }}>
                <code>{first.touchpoint}</code> {first.name}
                {first.active ? null : <span className="muted"> — deactivated</span>}
              </th>
              {months.map((m) => {
                const cell = cells.get(m);
                return (
                  <td key={m} className="num">
                    {cell ? (
                      <button
                        type="button"
                        className="link-like"
                        style={{ fontSize: "inherit" }}
                        aria-label={`${first.touchpoint} ${formatMonth(m)}: ${formatNumber(cell.transactions)} transactions; change or clear`}
                        onClick={() => onPick(cell)}
                      >
                        {formatNumber(cell.transactions)}
                      </button>
                    ) : (
                      <>
                        <span className="muted" aria-hidden="true">
                          —
                        </span>
                        <span className="visually-hidden">no volume</span>
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProblemList({ problems, lines }: { problems: VolumeProblem[]; lines: string[] }) {
  const whole = problems.filter((p) => p.row === null);
  const rows = [...new Set(problems.filter((p) => p.row !== null).map((p) => p.row!))].sort((a, b) => a - b);
  return (
    <div role="alert" className="error">
      <strong>{countOf(problems.length, "problem")}, so nothing was saved:</strong>
      <ul style={{ margin: "6px 0 0", paddingLeft: 18 }}>
        {whole.map((p, i) => (
          <li key={`whole-${i}`}>{p.field ? `${p.field}: ${p.message}` : p.message}</li>
        ))}
        {rows.map((row) => (
          <li key={row}>
            Row {row}
            {lines[row - 1] !== undefined ? (
              <>
                {" "}
                (<code>{lines[row - 1]}</code>)
              </>
            ) : null}
            :{" "}
            {problems
              .filter((p) => p.row === row)
              .map((p) => `${p.field.replace(/^row \d+(, )?/, "") || "row"}: ${p.message}`)
              .join("; ")}
          </li>
        ))}
      </ul>
    </div>
  );
}

function PasteBox() {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState("");
  const [status, setStatus] = useState("");
  const [problems, setProblems] = useState<{ list: VolumeProblem[]; lines: string[] } | null>(null);
  const save = useMutation(trpc.contactReasons.setVolumes.mutationOptions());

  const submit = () => {
    const parsed = parseVolumeCsv(text);
    setStatus("");
    // Text that does not read as rows is said here; the server names every other problem, touchpoints included.
    if (parsed.problems.length) {
      const checked = checkVolumeRows(parsed.rows);
      return setProblems({ list: [...parsed.problems, ...(checked.ok ? [] : checked.problems)], lines: parsed.lines });
    }
    setProblems(null);
    save.mutate(
      { rows: parsed.rows },
      {
        onSuccess: (saved) => {
          setText("");
          setStatus(savedText(saved));
          router.refresh();
        },
        onError: (error) => setProblems({ list: serverProblems(error), lines: parsed.lines }),
      },
    );
  };

  return (
    <form
      className="editor"
      aria-label="Paste monthly volumes"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3>Paste rows</h3>
      <label htmlFor={`${id}-text`}>Rows of touchpoint, month, transactions</label>
      <textarea
        id={`${id}-text`}
        rows={6}
        spellCheck={false}
        value={text}
        placeholder={"touchpoint,month,transactions\nDEL-TRACKING,2026-09,9812\nPAY-BILL,2026-09,24150"}
        aria-describedby={`${id}-hint`}
        aria-invalid={problems ? true : undefined}
        onChange={(e) => setText(e.target.value)}
        style={{ fontFamily: "ui-monospace, monospace" }}
      />
      <div id={`${id}-hint`} className="hint muted">
        One row a line; the header row is optional; cells copied from a spreadsheet work too. Months as YYYY-MM. All rows are saved or none, at most{" "}
        {formatNumber(MAX_VOLUME_ROWS)} at once; a month already recorded is replaced. The same file imports with{" "}
        <code>npm run cli -- volumes import volumes.csv</code>.
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending || text.trim() === ""}>
          {save.isPending ? "Saving…" : "Check and save"}
        </button>
        <span role="status" className="good-text">
          {status}
        </span>
      </div>
      {problems ? <ProblemList problems={problems.list} lines={problems.lines} /> : null}
    </form>
  );
}

export function TouchpointVolumes({ volumes, touchpoints }: { volumes: Volume[]; touchpoints: TouchpointChoice[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const transactionsInput = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<Record<Field, string>>({ touchpoint: "", month: "", transactions: "" });
  // Active touchpoints take volumes; a deactivated one picked from the table is offered so its month can be cleared.
  const choices = touchpoints.filter((t) => t.active || t.code === draft.touchpoint);
  const [problems, setProblems] = useState<Partial<Record<Field | "form", string>>>({});
  const [status, setStatus] = useState("");
  const save = useMutation(trpc.contactReasons.setVolumes.mutationOptions());
  const clear = useMutation(trpc.contactReasons.clearVolume.mutationOptions());

  const latest = volumes.reduce<string | null>((max, v) => (max === null || v.month > max ? v.month : max), null);
  const months = monthsEnding(latest ?? thisMonth(), WINDOW_MONTHS);
  const shown = volumes.filter((v) => v.month >= months[0]! && v.month <= months.at(-1)!);
  const outside = volumes.length - shown.length;
  const current = volumes.find((v) => v.touchpoint === draft.touchpoint && v.month === draft.month);

  const set = (field: Field, value: string) => {
    setDraft({ ...draft, [field]: value });
    setProblems({ ...problems, [field]: undefined, form: undefined });
  };

  const pick = (volume: Volume) => {
    setDraft({ touchpoint: volume.touchpoint, month: volume.month, transactions: String(volume.transactions) });
    setProblems({});
    setStatus(`${volume.touchpoint} ${formatMonth(volume.month)} is in the form below: change its transactions and save, or clear it.`);
    transactionsInput.current?.focus();
  };

  const placed = (list: VolumeProblem[]) => {
    const byField: Partial<Record<Field | "form", string>> = {};
    for (const p of list) {
      const field = p.field.replace(/^row 1, /, "") as Field;
      if (field === "touchpoint" || field === "month" || field === "transactions") byField[field] = p.message;
      else byField.form = p.field ? `${p.field}: ${p.message}` : p.message;
    }
    setProblems(byField);
  };

  const submit = () => {
    setStatus("");
    const row = { touchpoint: draft.touchpoint, month: draft.month, transactions: draft.transactions };
    const checked = checkVolumeRows([row]);
    if (!checked.ok) return placed(checked.problems);
    save.mutate(
      { rows: [row] },
      {
        onSuccess: (saved) => {
          setStatus(savedText(saved));
          setDraft({ ...draft, transactions: "" });
          router.refresh();
        },
        onError: (error) => placed(serverProblems(error)),
      },
    );
  };

  const remove = () => {
    if (!current) return;
    setStatus("");
    clear.mutate(
      { touchpointId: current.touchpointId, month: current.month },
      {
        onSuccess: (cleared) => {
          setStatus(`Cleared ${cleared.touchpoint} ${formatMonth(cleared.month)} (was ${formatNumber(cleared.transactions)} transactions).`);
          setDraft({ ...draft, transactions: "" });
          router.refresh();
        },
        onError: (error) => setProblems({ form: (error as ErrorLike)?.message ?? "Not cleared; try again." }),
      },
    );
  };

  const describedBy = (field: Field) => (problems[field] ? `${id}-${field}-problem` : `${id}-${field}-hint`);
  const fieldProblem = (field: Field) =>
    problems[field] ? (
      <p id={`${id}-${field}-problem`} className="field-error" role="alert">
        {problems[field]}
      </p>
    ) : null;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Monthly volumes (for contacts per 1,000 transactions)</h2>
      <p className="muted">
        Where a business counts what a touchpoint handles — delivery orders, bills paid, online bookings — its monthly transactions let the failure-demand view
        show contacts per 1,000 transactions beside contacts per 1,000 responses. A period gets the rate only when every month it touches has a volume; a
        partial month counts its days&apos; share. Volumes are for the whole program, not per site.
      </p>
      {volumes.length === 0 ? (
        <EmptyState title="No volumes yet">
          <p>
            Add a touchpoint&apos;s month below, paste rows from a spreadsheet, or import a CSV file with <code>npm run cli -- volumes import volumes.csv</code>
            .
          </p>
        </EmptyState>
      ) : (
        <>
          <VolumeTable volumes={shown} months={months} onPick={pick} />
          <p className="muted hint">
            {formatMonth(months[0]!)} to {formatMonth(months.at(-1)!)}, the last {WINDOW_MONTHS} months with volumes; choose a figure to change or clear it.
            {outside > 0
              ? ` ${countOf(outside, "volume")} in other months ${outside === 1 ? "is kept and counts for its month" : "are kept and count for theirs"}.`
              : ""}
          </p>
        </>
      )}
      <form
        className="editor"
        aria-label="Set a month's volume"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h3>Set a month</h3>
        <div className="editor-row">
          <div>
            <label htmlFor={`${id}-touchpoint`}>Touchpoint</label>
            <select
              id={`${id}-touchpoint`}
              value={draft.touchpoint}
              onChange={(e) => set("touchpoint", e.target.value)}
              aria-invalid={problems.touchpoint ? true : undefined}
              aria-describedby={describedBy("touchpoint")}
            >
              <option value="">Choose a touchpoint…</option>
              {choices.map((t) => (
                <option key={t.id} value={t.code}>
                  {touchpointText(t)}
                  {t.active ? "" : " — deactivated"}
                </option>
              ))}
            </select>
            {fieldProblem("touchpoint") ?? (
              <span id={`${id}-touchpoint-hint`} className="visually-hidden">
                Active touchpoints only.
              </span>
            )}
          </div>
          <div>
            <label htmlFor={`${id}-month`}>Month</label>
            <input
              id={`${id}-month`}
              type="month"
              value={draft.month}
              placeholder="2026-09"
              onChange={(e) => set("month", e.target.value)}
              aria-invalid={problems.month ? true : undefined}
              aria-describedby={describedBy("month")}
              style={inputStyle}
            />
            {fieldProblem("month") ?? (
              <div id={`${id}-month-hint`} className="hint muted">
                {draft.month && /^\d{4}-\d{2}$/.test(draft.month) ? formatMonth(draft.month) : "Year and month, e.g. 2026-09"}
              </div>
            )}
          </div>
          <div>
            <label htmlFor={`${id}-transactions`}>Transactions</label>
            <input
              ref={transactionsInput}
              id={`${id}-transactions`}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={draft.transactions}
              onChange={(e) => set("transactions", e.target.value)}
              aria-invalid={problems.transactions ? true : undefined}
              aria-describedby={describedBy("transactions")}
              style={inputStyle}
            />
            {fieldProblem("transactions") ?? (
              <div id={`${id}-transactions-hint`} className="hint muted">
                {current ? `Now ${formatNumber(current.transactions)}, saved ${formatDate(current.updatedAt)}` : "In the whole month, e.g. 9500"}
              </div>
            )}
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : current ? "Replace" : "Save"}
          </button>
          {current ? (
            <button type="button" className="danger" disabled={clear.isPending} onClick={remove}>
              {clear.isPending ? "Clearing…" : `Clear ${current.touchpoint} ${formatMonth(current.month)}`}
            </button>
          ) : null}
          <span role="status" className="good-text">
            {status}
          </span>
        </div>
        {problems.form ? (
          <p role="alert" className="error">
            {problems.form}
          </p>
        ) : null}
      </form>
      <PasteBox />
    </section>
  );
}
