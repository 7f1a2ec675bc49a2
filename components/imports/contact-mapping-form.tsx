"use client";
// The mapping screen for support-tool exports: when each contact happened, its id, channel, reasons (a
// category, tags, wrap-up codes), handling time and cost, and where it happened — with the columns' samples beside.
import { useId } from "react";
import { channelOf, handleTimeUnits, reasonSplits } from "@/lib/contact-mapping";
import { contactChannels, type ContactChannel } from "@/lib/enums";
import { contactChannelLabel } from "@/components/format";
import type { FileInspection } from "@/server/imports/inspect";
import { ColumnsTable } from "./columns-table";
import { contactUsesOf, type ContactDraft } from "./contact-mapping-draft";
import { ColumnSelect, DateFields, LocationFields, SkipFields, type SiteOption } from "./shared-fields";

const splitLabels: Record<(typeof reasonSplits)[number], string> = {
  none: "One reason per cell",
  comma: "Several, separated by commas",
  space: "Several, separated by spaces (Zendesk tags)",
};

function Choice<T extends string>({
  label,
  value,
  options,
  labels,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly T[];
  labels: Record<T, string>;
  onChange: (v: T) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {labels[option]}
          </option>
        ))}
      </select>
    </div>
  );
}

const unitLabels: Record<(typeof handleTimeUnits)[number], string> = { seconds: "Seconds", minutes: "Minutes", milliseconds: "Milliseconds" };

export function ContactMappingForm({
  inspection,
  draft,
  onChange,
  sites = [],
}: {
  inspection: FileInspection;
  draft: ContactDraft;
  onChange: (draft: ContactDraft) => void;
  sites?: SiteOption[];
}) {
  const columns = inspection.columns.map((c) => c.key);
  const set = <K extends keyof ContactDraft>(key: K, value: ContactDraft[K]) => onChange({ ...draft, [key]: value });
  const id = useId();
  const channelSamples = [...new Set(inspection.columns.find((c) => c.key === draft.channelColumn)?.samples ?? [])];
  return (
    <div className="mapping">
      <div className="mapping-fields">
        <fieldset>
          <legend>When each contact happened</legend>
          <DateFields
            columnLabel="Date and time column"
            zoneLabel="Time zone of these times (IANA name; for Zendesk, the account's)"
            column={draft.occurredAtColumn}
            format={draft.dateFormat}
            timeZone={draft.timeZone}
            columns={columns}
            onChange={(change) =>
              onChange({
                ...draft,
                occurredAtColumn: change.column ?? draft.occurredAtColumn,
                dateFormat: change.format ?? draft.dateFormat,
                timeZone: change.timeZone ?? draft.timeZone,
              })
            }
          />
        </fieldset>

        <fieldset>
          <legend>Which contact it is, and how it came in</legend>
          <ColumnSelect
            optional
            label="Contact id (ticket, conversation or case number: re-imports recognise each contact)"
            value={draft.externalId}
            columns={columns}
            onChange={(v) => set("externalId", v)}
          />
          <label className="inline">
            <input type="radio" name={`${id}-ch`} checked={draft.channelKind === "column"} onChange={() => set("channelKind", "column")} /> A column of channels
          </label>
          <label className="inline">
            <input type="radio" name={`${id}-ch`} checked={draft.channelKind === "fixed"} onChange={() => set("channelKind", "fixed")} /> One channel for the
            whole file
          </label>
          {draft.channelKind === "column" ? (
            <>
              <ColumnSelect label="Channel column" value={draft.channelColumn} columns={columns} onChange={(v) => set("channelColumn", v)} />
              {channelSamples.length ? (
                <p className="muted">
                  Read as:{" "}
                  {channelSamples
                    .slice(0, 5)
                    .map((value) => `${value} → ${contactChannelLabel[channelOf(value, draft.channelValues)]}`)
                    .join(" · ")}
                </p>
              ) : null}
            </>
          ) : (
            <Choice
              label="Channel"
              value={draft.channel}
              options={contactChannels}
              labels={contactChannelLabel}
              onChange={(v: ContactChannel) => set("channel", v)}
            />
          )}
          <ColumnSelect optional label="Direction (inbound, outbound)" value={draft.direction} columns={columns} onChange={(v) => set("direction", v)} />
          <ColumnSelect optional label="Queue, group or team" value={draft.queue} columns={columns} onChange={(v) => set("queue", v)} />
        </fieldset>

        <fieldset>
          <legend>Why the customer got in touch</legend>
          {draft.reasons.length === 0 ? <p className="muted">No reason columns yet: every contact would be unclassified.</p> : null}
          {draft.reasons.map((reason, i) => (
            <div key={i} className="metric-row">
              <ColumnSelect
                label={`Reason column ${i + 1}`}
                value={reason.column}
                columns={columns}
                onChange={(column) =>
                  set(
                    "reasons",
                    draft.reasons.map((r, j) => (j === i ? { ...r, column } : r)),
                  )
                }
              />
              <Choice
                label="Reasons per cell"
                value={reason.split}
                options={reasonSplits}
                labels={splitLabels}
                onChange={(split) =>
                  set(
                    "reasons",
                    draft.reasons.map((r, j) => (j === i ? { ...r, split } : r)),
                  )
                }
              />
              <button
                type="button"
                className="link-button"
                aria-label={`Remove reason column ${i + 1}`}
                onClick={() =>
                  set(
                    "reasons",
                    draft.reasons.filter((_, j) => j !== i),
                  )
                }
              >
                Remove
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set("reasons", [...draft.reasons, { column: "", split: "none" }])}>
            Add a reason column
          </button>
          <div className="field">
            <label htmlFor={`${id}-none`}>Values that mean &quot;no reason given&quot; (comma-separated)</label>
            <input
              id={`${id}-none`}
              value={draft.unclassifiedValues}
              onChange={(e) => set("unclassifiedValues", e.target.value)}
              placeholder="ININ-WRAP-UP-TIMEOUT, n/a"
            />
          </div>
        </fieldset>

        <fieldset>
          <legend>Effort and cost</legend>
          <ColumnSelect optional label="Handling time" value={draft.handleColumn} columns={columns} onChange={(v) => set("handleColumn", v)} />
          {draft.handleColumn ? (
            <Choice label="Handling time is in" value={draft.handleUnit} options={handleTimeUnits} labels={unitLabels} onChange={(v) => set("handleUnit", v)} />
          ) : null}
          <ColumnSelect
            optional
            label="Cost (else handling time × the channel's cost per hour)"
            value={draft.cost}
            columns={columns}
            onChange={(v) => set("cost", v)}
          />
        </fieldset>

        <fieldset>
          <legend>What it was about</legend>
          <ColumnSelect
            optional
            label="Touchpoint code (when the tool already knows which touchpoint caused it)"
            value={draft.touchpointColumn}
            columns={columns}
            onChange={(v) => set("touchpointColumn", v)}
          />
        </fieldset>

        <LocationFields
          legend="Where it happened"
          noneLabel="Not in this file"
          columnLabel="A column of store or site codes"
          draft={draft}
          columns={columns}
          sites={sites}
          onChange={(change) => onChange({ ...draft, ...change })}
        />

        <fieldset>
          <legend>What the customer wrote, and who they are</legend>
          <ColumnSelect optional label="Subject" value={draft.subject} columns={columns} onChange={(v) => set("subject", v)} />
          <ColumnSelect optional label="Description" value={draft.description} columns={columns} onChange={(v) => set("description", v)} />
          <ColumnSelect
            optional
            label="Requester email (personal data)"
            value={draft.requesterEmail}
            columns={columns}
            onChange={(v) => set("requesterEmail", v)}
          />
          <ColumnSelect
            optional
            label="Requester name (personal data)"
            value={draft.requesterName}
            columns={columns}
            onChange={(v) => set("requesterName", v)}
          />
        </fieldset>

        <SkipFields
          legend="Rows to skip (deleted tickets, spam, tests)"
          draft={draft}
          columns={columns}
          onChange={(change) => onChange({ ...draft, ...change })}
        />
      </div>

      <div className="mapping-columns">
        <ColumnsTable columns={inspection.columns} uses={contactUsesOf(draft)} />
      </div>
    </div>
  );
}
