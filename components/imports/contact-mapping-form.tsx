"use client";
// The mapping screen for support-tool exports: when each contact happened, its id, channel, reasons (a
// category, tags, wrap-up codes), handling time and cost, and where it happened — with the columns' samples beside.
import { useId } from "react";
import { channelOf, handleTimeUnits, reasonSplits } from "@/lib/contact-mapping";
import { contactChannels, dateFormats, type ContactChannel } from "@/lib/enums";
import { contactChannelLabel } from "@/lib/money";
import type { FileInspection } from "@/server/imports/inspect";
import { ColumnsTable } from "./columns-table";
import { contactUsesOf, type ContactDraft } from "./contact-mapping-draft";
import { ColumnSelect, dateFormatLabels, type SiteOption } from "./mapping-form";

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
const formatLabels = dateFormatLabels;

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
          <ColumnSelect label="Date and time column" value={draft.occurredAtColumn} columns={columns} onChange={(v) => set("occurredAtColumn", v)} />
          <Choice label="Date format" value={draft.dateFormat} options={dateFormats} labels={formatLabels} onChange={(v) => set("dateFormat", v)} />
          <div className="field">
            <label htmlFor={`${id}-zone`}>Time zone of these times (IANA name; for Zendesk, the account&apos;s)</label>
            <input id={`${id}-zone`} value={draft.timeZone} onChange={(e) => set("timeZone", e.target.value)} placeholder="Europe/London" />
          </div>
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
          <legend>What it was about, and where</legend>
          <ColumnSelect
            optional
            label="Touchpoint code (when the tool already knows which touchpoint caused it)"
            value={draft.touchpointColumn}
            columns={columns}
            onChange={(v) => set("touchpointColumn", v)}
          />
          <label className="inline">
            <input type="radio" name={`${id}-loc`} checked={draft.locationKind === "none"} onChange={() => set("locationKind", "none")} /> Not in this file
          </label>
          <label className="inline">
            <input type="radio" name={`${id}-loc`} checked={draft.locationKind === "column"} onChange={() => set("locationKind", "column")} /> A column of store
            or site codes
          </label>
          <label className="inline">
            <input type="radio" name={`${id}-loc`} checked={draft.locationKind === "fixed"} onChange={() => set("locationKind", "fixed")} /> One site for the
            whole file
          </label>
          {draft.locationKind === "column" ? (
            <ColumnSelect label="Location code column" value={draft.locationColumn} columns={columns} onChange={(v) => set("locationColumn", v)} />
          ) : draft.locationKind === "fixed" ? (
            <div className="field">
              <label htmlFor={`${id}-site`}>Site</label>
              <select id={`${id}-site`} value={draft.locationCode} onChange={(e) => set("locationCode", e.target.value)}>
                <option value="">— choose a site —</option>
                {sites.map((site) => (
                  <option key={site.code} value={site.code}>
                    {site.label} ({site.code})
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </fieldset>

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

        <fieldset>
          <legend>Rows to skip (deleted tickets, spam, tests)</legend>
          <ColumnSelect optional label="Column" value={draft.skipColumn} columns={columns} onChange={(v) => set("skipColumn", v)} />
          {draft.skipColumn ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-skipvalues`}>Skip rows with these values (comma-separated)</label>
                <input id={`${id}-skipvalues`} value={draft.skipValues} onChange={(e) => set("skipValues", e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-skipreason`}>Why they are skipped (shown in the preview)</label>
                <input id={`${id}-skipreason`} value={draft.skipReason} onChange={(e) => set("skipReason", e.target.value)} />
              </div>
            </>
          ) : null}
        </fieldset>
      </div>

      <div className="mapping-columns">
        <ColumnsTable columns={inspection.columns} uses={contactUsesOf(draft)} />
      </div>
    </div>
  );
}
