"use client";
// A journey's name, the persona who lives it and a line on what it covers: create one (then go on to its
// stages) or edit one. A taken name is refused by the server and the message is shown here.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/lib/trpc-client";
import type { RouterInputs } from "@/lib/router-types";

/** The form's state: what `setup.createJourney` takes, and the id when editing. */
export type JourneyDraft = RouterInputs["setup"]["createJourney"] & { id?: number };

export function JourneyForm({ journey }: { journey?: JourneyDraft }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [draft, setDraft] = useState<JourneyDraft>(journey ?? { name: "", persona: null, description: null });
  const create = useMutation(trpc.setup.createJourney.mutationOptions({ onSuccess: (created) => router.push(`/admin/journeys/${created.id}`) }));
  const update = useMutation(trpc.setup.updateJourney.mutationOptions({ onSuccess: () => router.refresh() }));
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  return (
    <form
      className="card editor"
      aria-label={journey ? "Journey details" : "New journey"}
      style={{ marginBottom: 16 }}
      onSubmit={(event) => {
        event.preventDefault();
        const values = { name: draft.name, persona: draft.persona, description: draft.description };
        if (journey?.id) update.mutate({ ...values, id: journey.id });
        else create.mutate(values);
      }}
    >
      <h2>{journey ? "Details" : "New journey"}</h2>
      <div className="editor-row">
        <div>
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" required maxLength={200} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </div>
        <div>
          <label htmlFor={`${id}-persona`}>Persona</label>
          <input
            id={`${id}-persona`}
            type="text"
            maxLength={2000}
            placeholder="Who lives this journey, e.g. a couple out for a birthday dinner"
            value={draft.persona ?? ""}
            onChange={(e) => setDraft({ ...draft, persona: e.target.value })}
          />
        </div>
      </div>
      <label htmlFor={`${id}-description`}>What it covers</label>
      <textarea
        id={`${id}-description`}
        rows={2}
        maxLength={2000}
        value={draft.description ?? ""}
        onChange={(e) => setDraft({ ...draft, description: e.target.value })}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? "Saving…" : journey ? "Save details" : "Create and add stages"}
        </button>
        {update.isSuccess ? (
          <span role="status" className="good-text">
            Saved.
          </span>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="error">
          {error.message}
        </p>
      ) : null}
    </form>
  );
}
