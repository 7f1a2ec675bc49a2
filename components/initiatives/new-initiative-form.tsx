"use client";
// Start an initiative on a touchpoint: what it fixes, what it aims at (a metric to move, or the contacts the
// touchpoint causes downstream), and when. The baseline is taken from the roll-ups by the server, never typed in.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/lib/trpc-client";
import { DateField } from "@/components/date-field";
import type { InitiativeAim } from "@/lib/enums";
import { aimLabel } from "./initiative-editor";

export function NewInitiativeForm({
  touchpointId,
  metrics,
  locations = [],
  everywhere = true,
  location = "",
}: {
  touchpointId: number;
  metrics: Array<{ code: string; name: string }>;
  /** Where it may run: the sites and regions this person may start one at. */
  locations?: ReadonlyArray<{ code: string; label: string }>;
  /** Whether it may run everywhere (the touchpoint's owner, an admin); a site manager's runs at their sites. */
  everywhere?: boolean;
  /** The location the page is cut to, proposed first. */
  location?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    title: "",
    problem: "",
    aim: "score" as InitiativeAim,
    metricCode: metrics[0]?.code ?? "",
    target: "",
    startDate: new Date().toISOString().slice(0, 10),
    dueDate: "",
    locationCode: location || (everywhere ? "" : (locations[0]?.code ?? "")),
  });
  const create = useMutation(trpc.initiatives.create.mutationOptions({ onSuccess: (created) => router.push(`/initiatives/${created.id}`) }));
  if (!open) {
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        Start an initiative
      </button>
    );
  }
  const set = (key: keyof typeof form, value: string) => setForm({ ...form, [key]: value });
  const onContacts = form.aim === "contacts";
  return (
    <form
      className="card editor"
      aria-label="Start an initiative"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({
          touchpointId,
          locationCode: form.locationCode || null,
          title: form.title,
          problem: form.problem || null,
          aim: form.aim,
          metricCode: onContacts ? null : form.metricCode || null,
          target: form.target === "" ? null : Number(form.target),
          startDate: form.startDate || null,
          dueDate: form.dueDate || null,
          status: "in_progress",
        });
      }}
    >
      <h3>Start an initiative</h3>
      <label htmlFor={`${id}-title`}>Title</label>
      <input id={`${id}-title`} type="text" value={form.title} onChange={(e) => set("title", e.target.value)} required />
      <label htmlFor={`${id}-problem`}>The problem it addresses</label>
      <textarea id={`${id}-problem`} rows={2} value={form.problem} onChange={(e) => set("problem", e.target.value)} />
      {locations.length > 0 ? (
        <div>
          <label htmlFor={`${id}-location`}>Where</label>
          <select
            id={`${id}-location`}
            value={form.locationCode}
            onChange={(e) => set("locationCode", e.target.value)}
            aria-describedby={`${id}-location-hint`}
          >
            {everywhere ? <option value="">Every location</option> : null}
            {locations.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </select>
          <div id={`${id}-location-hint`} className="hint muted">
            At one site or region, its baseline and impact are measured there only.
          </div>
        </div>
      ) : null}
      <div className="editor-row">
        <div>
          <label htmlFor={`${id}-aim`}>Aim</label>
          <select id={`${id}-aim`} value={form.aim} onChange={(e) => set("aim", e.target.value)} aria-describedby={`${id}-aim-hint`}>
            {(Object.keys(aimLabel) as InitiativeAim[]).map((aim) => (
              <option key={aim} value={aim}>
                {aimLabel[aim]}
              </option>
            ))}
          </select>
          <div id={`${id}-aim-hint`} className="hint muted">
            {onContacts ? "Measured as the contacts this touchpoint causes per month, before and after the start." : "Measured on the metric you choose."}
          </div>
        </div>
        {onContacts ? null : (
          <div>
            <label htmlFor={`${id}-metric`}>Metric to move</label>
            <select id={`${id}-metric`} value={form.metricCode} onChange={(e) => set("metricCode", e.target.value)}>
              {metrics.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor={`${id}-target`}>{onContacts ? "Target contacts a month" : "Target score"}</label>
          <input
            id={`${id}-target`}
            type="number"
            step="any"
            min={onContacts ? 0 : undefined}
            value={form.target}
            onChange={(e) => set("target", e.target.value)}
          />
        </div>
        <DateField id={`${id}-start`} label="Start" value={form.startDate} onChange={(day) => set("startDate", day ?? "")} />
        <DateField id={`${id}-due`} label="Due" value={form.dueDate} onChange={(day) => set("dueDate", day ?? "")} />
      </div>
      <p className="muted">The baseline is read from the 90 days before the start date{onContacts ? ": the contacts this touchpoint caused per month" : ""}.</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          Start the initiative
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {create.error ? (
        <p role="alert" className="error">
          {create.error.message}
        </p>
      ) : null}
    </form>
  );
}
