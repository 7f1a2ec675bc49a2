"use client";
// A date typed and shown the way every page shows dates ("3 Sep 2026"), with a calendar button for those who
// prefer one; the form still sends YYYY-MM-DD, so URLs and saved values stay ISO.
import { useRef, useState } from "react";
import { DATE_EXAMPLE, formatDate, parseTypedDate } from "@/lib/dates";

const shown = (iso: string | null | undefined) => (iso ? formatDate(iso) : "");

export function DateField({
  id,
  label,
  name,
  value,
  onChange,
  problem,
  required = false,
}: {
  id: string;
  label: string;
  /** The form field that carries the day as YYYY-MM-DD (GET forms); controlled forms use onChange instead. */
  name?: string;
  /** The day as YYYY-MM-DD, or empty. */
  value: string | null | undefined;
  /** Called with the typed day as YYYY-MM-DD, or null when cleared; not called while the text is no date. */
  onChange?: (iso: string | null) => void;
  /** A refusal from the server, shown at the field. */
  problem?: string;
  required?: boolean;
}) {
  const picker = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(shown(value));
  const [seenValue, setSeenValue] = useState(value ?? null);
  const [touched, setTouched] = useState(false);
  // A new value from outside (a reset, a saved edit) replaces the text, unless the text already says that day.
  if ((value ?? null) !== seenValue) {
    setSeenValue(value ?? null);
    if (parseTypedDate(text) !== (value ?? null)) setText(shown(value));
  }
  const parsed = parseTypedDate(text);
  const invalid = text.trim() !== "" && parsed === null;
  const message = invalid && touched ? `Type a date like ${DATE_EXAMPLE} (day, month, year).` : problem;
  const describedBy = message ? `${id}-problem` : `${id}-hint`;

  const accept = (next: string) => {
    setText(next);
    const iso = parseTypedDate(next);
    if (next.trim() === "") onChange?.(null);
    else if (iso) onChange?.(iso);
  };

  return (
    <div className="date-field">
      <label htmlFor={id}>{label}</label>
      <div className="date-field-row">
        <input
          id={id}
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={DATE_EXAMPLE}
          value={text}
          required={required}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy}
          ref={(element) => element?.setCustomValidity(invalid ? `Type a date like ${DATE_EXAMPLE}.` : "")}
          onChange={(event) => accept(event.target.value)}
          onBlur={() => {
            setTouched(true);
            if (parsed) setText(formatDate(parsed));
          }}
        />
        <button
          type="button"
          className="date-field-calendar"
          aria-label={`Choose the ${label.toLowerCase()} date from a calendar`}
          title="Calendar"
          onClick={() => picker.current?.showPicker?.()}
        >
          <span aria-hidden="true">▦</span>
        </button>
        <input
          ref={picker}
          type="date"
          className="date-field-picker"
          tabIndex={-1}
          aria-hidden="true"
          value={parsed ?? ""}
          onChange={(event) => {
            accept(event.target.value ? formatDate(event.target.value) : "");
            setTouched(true);
          }}
        />
        {name ? <input type="hidden" name={name} value={parsed ?? text} /> : null}
      </div>
      {message ? (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {message}
        </p>
      ) : (
        <span id={`${id}-hint`} className="visually-hidden">
          Day, month and year, like {DATE_EXAMPLE}.
        </span>
      )}
    </div>
  );
}
