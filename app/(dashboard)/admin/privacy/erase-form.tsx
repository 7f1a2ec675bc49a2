"use client";
// Erase one person's data: the key is checked here first (the same rules as the server), then a dialog asks for
// ERASE typed out before anything is removed, and the answer says how many rows went.
import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { checkErasureKey, EMAIL_MAX_LENGTH, erasureKeyWords, EXTERNAL_ID_MAX_LENGTH, type ErasureKeyKind } from "@/lib/privacy";
import { useTRPC } from "@/lib/trpc-client";

const CONFIRM_WORD = "ERASE";

// The choice says which key; the field's label says whose, so the two never read the same to a screen reader.
const keyLabels: Record<ErasureKeyKind, { choice: string; label: string; hint: string }> = {
  email: { choice: "Email", label: "The person's email", hint: "As the person gave it; capitals and spaces around it do not matter." },
  externalId: {
    choice: "External id",
    label: "Their external id",
    hint: "The id the survey or support tool gave their response or ticket (a Qualtrics ResponseId, a Zendesk ticket id), exactly as imported.",
  },
};

export function EraseForm() {
  const trpc = useTRPC();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const confirmField = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<ErasureKeyKind>("email");
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const [confirmProblem, setConfirmProblem] = useState<string | null>(null);
  const erase = useMutation(trpc.privacy.erase.mutationOptions());
  const keyWords = erasureKeyWords[kind];

  const closeDialog = () => {
    dialog.current?.close();
    setTyped("");
    setConfirmProblem(null);
  };

  return (
    <>
      <form
        className="card editor"
        aria-label="Erase a person's data"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          erase.reset();
          const checked = checkErasureKey({ [kind]: value });
          if ("refusal" in checked) {
            setProblem(checked.refusal.message);
            field.current?.focus();
            return;
          }
          setProblem(null);
          dialog.current?.showModal();
          confirmField.current?.focus();
        }}
      >
        <h2>Erase one person&apos;s data</h2>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, marginBottom: 4 }}>Find their data by</legend>
          {(["email", "externalId"] as const).map((option) => (
            <label key={option} style={{ display: "inline-flex", gap: 6, alignItems: "center", marginRight: 20, fontWeight: 400 }}>
              <input
                type="radio"
                name={`${id}-kind`}
                value={option}
                checked={kind === option}
                onChange={() => {
                  setKind(option);
                  setProblem(null);
                }}
              />
              {keyLabels[option].choice}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-value`}>{keyLabels[kind].label}</label>
        <input
          ref={field}
          id={`${id}-value`}
          type={kind === "email" ? "email" : "text"}
          autoComplete="off"
          spellCheck={false}
          maxLength={kind === "email" ? EMAIL_MAX_LENGTH : EXTERNAL_ID_MAX_LENGTH}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setProblem(null);
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ""}`}
        />
        <div id={`${id}-hint`} className="hint muted">
          {keyLabels[kind].hint}
        </div>
        {problem ? (
          <p id={`${id}-problem`} role="alert" className="error">
            {problem}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="danger">
            Erase…
          </button>
        </div>
      </form>

      {erase.data ? (
        <p role="status" className="notice" data-testid="erase-result" style={{ marginTop: 16 }}>
          {erase.data.summary} The audit log records the request with these counts only.
        </p>
      ) : null}
      {erase.error ? (
        <p role="alert" className="error">
          Nothing was erased: {erase.error.message}
        </p>
      ) : null}

      <dialog ref={dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-what`} className="confirm-dialog" onClose={closeDialog}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (typed.trim() !== CONFIRM_WORD) {
              setConfirmProblem(`Type ${CONFIRM_WORD}, in capitals, to confirm; or cancel.`);
              return;
            }
            erase.mutate(
              { [kind]: value },
              {
                // The key leaves the page once it has done its work; the answer says only how many rows went.
                onSuccess: () => setValue(""),
                onSettled: closeDialog,
              },
            );
          }}
        >
          <h2 id={`${id}-title`}>Erase this person&apos;s data for good?</h2>
          <p id={`${id}-what`}>
            This permanently removes every survey response and service contact with the {keyWords} <strong>{value.trim()}</strong>, and their part of every
            score, count and theme. Alert cases they opened stay, without their comment. It cannot be undone, and a later import that includes them again brings
            their rows back: remove them in the survey or support tool too.
          </p>
          <label htmlFor={`${id}-confirm`}>Type {CONFIRM_WORD} to confirm</label>
          <input
            ref={confirmField}
            id={`${id}-confirm`}
            type="text"
            autoComplete="off"
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              setConfirmProblem(null);
            }}
            aria-invalid={confirmProblem ? true : undefined}
            aria-describedby={confirmProblem ? `${id}-confirm-problem` : undefined}
          />
          {confirmProblem ? (
            <p id={`${id}-confirm-problem`} role="alert" className="error">
              {confirmProblem}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" onClick={closeDialog}>
              Cancel
            </button>
            <button type="submit" className="danger primary" disabled={erase.isPending}>
              {erase.isPending ? "Erasing…" : "Erase permanently"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
