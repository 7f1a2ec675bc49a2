"use client";
// One touchpoint's setup: code, name, channel, department, owner, moment of truth, weight, a target per
// metric, and the journey stages it sits in. Saved in one go; the server checks every reference.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { channels, type Channel } from "@/lib/enums";
import { channelLabel } from "@/components/format";
import { useTRPC } from "@/lib/trpc-client";
import type { RouterInputs, RouterOutputs } from "@/lib/router-types";

/** Departments, owners, metrics and journeys to choose from, as `setup.touchpointChoices` returns them. */
export type TouchpointChoices = RouterOutputs["setup"]["touchpointChoices"];

/** The form's state: what `setup.createTouchpoint` takes (no department chosen yet is allowed), and the id when editing. */
export type TouchpointDraft = Omit<Required<RouterInputs["setup"]["createTouchpoint"]>, "departmentId"> & { id?: number; departmentId: number | null };

const targetUnit: Record<string, string> = { nps: "NPS points, −100 to 100", csat: "% satisfied, 0 to 100" };

function TargetInputs({
  draft,
  metrics,
  onChange,
}: {
  draft: TouchpointDraft;
  metrics: TouchpointChoices["metrics"];
  onChange: (targets: Record<string, number>) => void;
}) {
  const id = useId();
  return (
    <fieldset className="placements">
      <legend>Targets</legend>
      <p className="hint muted" style={{ marginTop: 0 }}>
        Leave a metric blank for no target. Scores are compared with these on every dashboard.
      </p>
      <div className="editor-row">
        {metrics.map((metric) => (
          <div key={metric.code}>
            <label htmlFor={`${id}-${metric.code}`}>{metric.kind === "custom" ? metric.name : `${metric.name} (${metric.code.toUpperCase()})`}</label>
            <input
              id={`${id}-${metric.code}`}
              type="number"
              step="any"
              value={draft.targets[metric.code] ?? ""}
              aria-describedby={`${id}-${metric.code}-unit`}
              onChange={(e) => {
                const { [metric.code]: _dropped, ...rest } = draft.targets;
                onChange(e.target.value === "" ? rest : { ...rest, [metric.code]: Number(e.target.value) });
              }}
            />
            <div id={`${id}-${metric.code}-unit`} className="hint muted">
              {targetUnit[metric.kind] ?? `mean answer, ${metric.scaleMin} to ${metric.scaleMax}`}
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function StagePlacements({
  draft,
  journeys,
  onChange,
}: {
  draft: TouchpointDraft;
  journeys: TouchpointChoices["journeys"];
  onChange: (stageIds: number[]) => void;
}) {
  const toggle = (stageId: number, on: boolean) => onChange(on ? [...draft.stageIds, stageId] : draft.stageIds.filter((s) => s !== stageId));
  return (
    <div className="placements">
      <h3>Where it sits in the journeys</h3>
      {journeys.length === 0 ? <p className="muted">No journeys yet: create one under Setup › Journeys, then place the touchpoint here.</p> : null}
      {journeys.map((journey) => (
        <fieldset key={journey.id}>
          <legend>
            {journey.name} {journey.active ? null : <span className="tag inactive">inactive</span>}
          </legend>
          {journey.stages.length === 0 ? <span className="muted">No stages yet.</span> : null}
          {journey.stages.map((stage) => (
            <label key={stage.id} className="inline">
              <input type="checkbox" checked={draft.stageIds.includes(stage.id)} onChange={(e) => toggle(stage.id, e.target.checked)} />
              {stage.name}
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}

export function TouchpointForm({
  touchpoint,
  choices,
  initialCode = "",
  onCreated,
  onCancel,
}: {
  touchpoint?: TouchpointDraft;
  choices: TouchpointChoices;
  /** A new touchpoint's code, when another screen already knows it (the import wizard's unknown code). */
  initialCode?: string;
  /** Called instead of opening the new touchpoint's page, for a form embedded in another flow. */
  onCreated?: (created: { id: number; code: string }) => void;
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [draft, setDraft] = useState<TouchpointDraft>(
    touchpoint ?? {
      code: initialCode,
      name: "",
      channel: "other",
      departmentId: null,
      ownerId: null,
      momentOfTruth: false,
      weight: 1,
      description: null,
      targets: {},
      stageIds: [],
    },
  );
  const set = <K extends keyof TouchpointDraft>(key: K, value: TouchpointDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const create = useMutation(
    trpc.setup.createTouchpoint.mutationOptions({
      onSuccess: (created) => (onCreated ? onCreated({ id: created.id, code: draft.code }) : router.push(`/admin/touchpoints/${created.id}?created=1`)),
    }),
  );
  const update = useMutation(trpc.setup.updateTouchpoint.mutationOptions({ onSuccess: () => router.refresh() }));
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const departments = choices.departments.filter((d) => d.active || d.id === draft.departmentId);

  return (
    <form
      className="card editor"
      aria-label={touchpoint ? "Edit touchpoint" : "New touchpoint"}
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.departmentId === null) return;
        const values = { ...draft, departmentId: draft.departmentId };
        if (touchpoint?.id) update.mutate({ ...values, id: touchpoint.id });
        else create.mutate(values);
      }}
    >
      <div className="editor-row">
        <div>
          <label htmlFor={`${id}-code`}>Code</label>
          <input
            id={`${id}-code`}
            type="text"
            required
            value={draft.code}
            onChange={(e) => set("code", e.target.value.toUpperCase())}
            aria-describedby={`${id}-code-hint`}
          />
          <div id={`${id}-code-hint`} className="hint muted">
            Survey files name the touchpoint by this code, e.g. RES-PHONE.
          </div>
        </div>
        <div>
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" required maxLength={200} value={draft.name} onChange={(e) => set("name", e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-channel`}>Channel</label>
          <select id={`${id}-channel`} value={draft.channel} onChange={(e) => set("channel", e.target.value as Channel)}>
            {channels.map((c) => (
              <option key={c} value={c}>
                {channelLabel[c]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="editor-row">
        <div>
          <label htmlFor={`${id}-department`}>Department</label>
          <select
            id={`${id}-department`}
            required
            value={draft.departmentId ?? ""}
            onChange={(e) => set("departmentId", e.target.value ? Number(e.target.value) : null)}
          >
            <option value="" disabled>
              Choose…
            </option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
                {d.active ? "" : " (inactive)"}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-owner`}>Owner</label>
          <select id={`${id}-owner`} value={draft.ownerId ?? ""} onChange={(e) => set("ownerId", e.target.value ? Number(e.target.value) : null)}>
            <option value="">Unassigned</option>
            {choices.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.role})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-weight`}>Weight in the journey score</label>
          <input
            id={`${id}-weight`}
            type="number"
            min={0.1}
            max={100}
            step="any"
            required
            value={draft.weight}
            onChange={(e) => set("weight", Number(e.target.value))}
          />
        </div>
      </div>
      <label className="inline">
        <input type="checkbox" checked={draft.momentOfTruth} onChange={(e) => set("momentOfTruth", e.target.checked)} />
        Moment of truth: a touchpoint that makes or breaks the journey, listed first everywhere
      </label>
      <label htmlFor={`${id}-description`}>Description</label>
      <textarea id={`${id}-description`} rows={2} maxLength={2000} value={draft.description ?? ""} onChange={(e) => set("description", e.target.value)} />
      <TargetInputs draft={draft} metrics={choices.metrics} onChange={(targets) => set("targets", targets)} />
      <StagePlacements draft={draft} journeys={choices.journeys} onChange={(stageIds) => set("stageIds", stageIds)} />
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? "Saving…" : touchpoint ? "Save touchpoint" : "Create touchpoint"}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
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
