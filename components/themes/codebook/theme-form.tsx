"use client";
// One theme, new or edited: its name, description, words and phrases (one per line or comma-separated), the
// touchpoints it is limited to and whether it is active. Saved through themeCodebook.create/update; problems at fields.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { countOf } from "@/components/format";
import { problemsByField } from "@/components/setup/contact-reasons-shared";
import { MAX_THEME_TERMS, splitTerms } from "@/lib/themes";
import { useTRPC } from "@/lib/trpc-client";
import { newThemeDraft, themeInputOf, themeProblems, type CodebookTheme, type CodebookTouchpoint, type ThemeDraft } from "./draft";

/** A labelled control with its hint, or the server's words in its place, tied to it by aria-describedby. */
function Field({
  id,
  label,
  hint,
  problem,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  problem?: string;
  children: (described: { "aria-describedby"?: string; "aria-invalid"?: true }) => React.ReactNode;
}) {
  const describedBy = problem ? `${id}-problem` : hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {children({ "aria-describedby": describedBy, "aria-invalid": problem ? true : undefined })}
      {problem ? (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      ) : hint ? (
        <div id={`${id}-hint`} className="hint muted">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** Touchpoints as checkboxes, narrowed by a search; none ticked means every touchpoint. */
function TouchpointFields({
  chosen,
  touchpoints,
  problem,
  onChange,
}: {
  chosen: string[];
  touchpoints: CodebookTouchpoint[];
  problem?: string;
  onChange: (codes: string[]) => void;
}) {
  const id = useId();
  const [search, setSearch] = useState("");
  const needle = search.trim().toLowerCase();
  const offered = touchpoints.filter(
    (t) => (t.active || chosen.includes(t.code)) && (!needle || t.code.toLowerCase().includes(needle) || t.name.toLowerCase().includes(needle)),
  );
  const toggle = (code: string, on: boolean) => onChange(on ? [...chosen, code].sort() : chosen.filter((c) => c !== code));
  return (
    <fieldset className="placements" aria-describedby={problem ? `${id}-problem` : `${id}-hint`}>
      <legend>Touchpoints</legend>
      <div id={`${id}-hint`} className="hint muted">
        {chosen.length === 0
          ? "All touchpoints: tick some to limit the theme to them."
          : `Limited to ${countOf(chosen.length, "touchpoint")}: ${chosen.join(", ")}.`}
      </div>
      <div className="inline-field">
        <label htmlFor={`${id}-search`}>Find a touchpoint</label>
        <input id={`${id}-search`} type="search" value={search} placeholder="Code or name" onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div style={{ maxHeight: 220, overflowY: "auto" }}>
        {offered.length === 0 ? <p className="muted">No touchpoint matches “{search}”.</p> : null}
        {offered.map((t) => (
          <label key={t.code} className="inline">
            <input type="checkbox" checked={chosen.includes(t.code)} onChange={(e) => toggle(t.code, e.target.checked)} />
            <span>
              <span className="code">{t.code}</span> {t.name}
              {t.active ? "" : " (inactive)"}
            </span>
          </label>
        ))}
      </div>
      {chosen.length > 0 ? (
        <button type="button" onClick={() => onChange([])}>
          Use all touchpoints
        </button>
      ) : null}
      {problem ? (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}

export function ThemeForm({
  theme,
  initial = newThemeDraft,
  touchpoints,
  focusOnOpen = false,
}: {
  /** The theme being edited; a new one when absent. */
  theme?: CodebookTheme;
  initial?: ThemeDraft;
  touchpoints: CodebookTouchpoint[];
  /** Put the cursor in the form, as when "Add as theme" or "Edit" brought the admin here. */
  focusOnOpen?: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState<ThemeDraft>(initial);
  const [status, setStatus] = useState("");
  const set = <K extends keyof ThemeDraft>(key: K, value: ThemeDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const create = useMutation(trpc.themeCodebook.create.mutationOptions());
  const update = useMutation(trpc.themeCodebook.update.mutationOptions());
  const save = theme ? update : create;
  const pending = create.isPending || update.isPending;
  const terms = splitTerms(draft.terms);
  const problems = themeProblems(problemsByField(save.error), save.error, terms);
  const title = theme ? `Edit theme “${theme.name}”` : "New theme";
  // The progress bar starts polling and the suggestions drop what the codebook now covers.
  const changed = (text: string) => {
    setStatus(text);
    void queryClient.invalidateQueries({ queryKey: trpc.themeCodebook.pathKey() });
    router.refresh();
  };

  return (
    <form
      id="theme-form"
      className="card editor"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        setStatus("");
        const input = themeInputOf(draft);
        if (theme) update.mutate({ ...input, id: theme.id }, { onSuccess: () => changed(`Saved “${input.name}”; history is being re-tagged with it.`) });
        else
          create.mutate(input, {
            onSuccess: () => {
              setDraft(newThemeDraft);
              changed(`Added “${input.name}”; history is being re-tagged with it.`);
            },
          });
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="editor-row">
        <Field id={`${id}-name`} label="Name" hint="As people will read it on the themes views, e.g. Service charge." problem={problems.name}>
          {(described) => (
            <input
              id={`${id}-name`}
              type="text"
              required
              maxLength={80}
              autoFocus={focusOnOpen}
              value={draft.name}
              onChange={(e) => set("name", e.target.value)}
              {...described}
            />
          )}
        </Field>
        <Field id={`${id}-description`} label="Description (optional)" problem={problems.description}>
          {(described) => (
            <input
              id={`${id}-description`}
              type="text"
              maxLength={500}
              value={draft.description}
              onChange={(e) => set("description", e.target.value)}
              {...described}
            />
          )}
        </Field>
      </div>
      <Field
        id={`${id}-terms`}
        label="Words and phrases"
        hint={`One per line, or separated by commas; at most ${MAX_THEME_TERMS}. Each also finds its other forms: “charge” finds “charges” and “charged”. ${countOf(terms.length, "word or phrase", "words or phrases")} so far.`}
        problem={problems.terms}
      >
        {(described) => <textarea id={`${id}-terms`} rows={5} value={draft.terms} onChange={(e) => set("terms", e.target.value)} {...described} />}
      </Field>
      <TouchpointFields
        chosen={draft.touchpointCodes}
        touchpoints={touchpoints}
        problem={problems.touchpointCodes}
        onChange={(codes) => set("touchpointCodes", codes)}
      />
      <label className="inline">
        <input type="checkbox" checked={draft.active} onChange={(e) => set("active", e.target.checked)} />
        Active: tag comments with this theme and show it on the themes views
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? "Saving…" : theme ? "Save theme" : "Add theme"}
        </button>
        {theme || initial !== newThemeDraft ? (
          <Link href="/admin/themes" className="button">
            {theme ? "Stop editing" : "Clear"}
          </Link>
        ) : null}
        <span role="status" className="good-text">
          {status}
        </span>
      </div>
      {problems.other ? (
        <p role="alert" className="error">
          {problems.other}
        </p>
      ) : null}
    </form>
  );
}
