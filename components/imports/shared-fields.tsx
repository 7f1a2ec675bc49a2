"use client";
// Fields both mapping screens ask the same way: a column picker, where each row happened, when, and which rows
// to skip. The survey and the contacts drafts name these parts alike, so one component serves both.
import { useId } from "react";
import { dateFormats, type DateFormat } from "@/lib/enums";

/** A site responses can be given at, labelled with its region ("London · Soho"). */
export type SiteOption = { code: string; label: string };

export const dateFormatLabels: Record<(typeof dateFormats)[number], string> = {
  iso: "ISO (2026-03-31 14:05)",
  us: "US (3/31/2026 2:05 PM)",
  eu: "European (31.03.2026 14:05)",
  excel: "Excel serial number",
};

export function ColumnSelect({
  label,
  value,
  columns,
  onChange,
  optional,
}: {
  label: string;
  value: string;
  columns: string[];
  onChange: (v: string) => void;
  optional?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{optional ? "— not in this file —" : "— choose a column —"}</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );
}

type LocationDraft = { locationKind: "none" | "column" | "fixed"; locationColumn: string; locationCode: string };
type SkipDraft = { skipColumn: string; skipValues: string; skipReason: string };

export function LocationFields({
  legend,
  noneLabel,
  columnLabel,
  draft,
  columns,
  sites,
  onChange,
}: {
  legend: string;
  noneLabel: string;
  columnLabel: string;
  draft: LocationDraft;
  columns: string[];
  sites: SiteOption[];
  onChange: (change: Partial<LocationDraft>) => void;
}) {
  const id = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <label className="inline">
        <input type="radio" name={`${id}-loc`} checked={draft.locationKind === "none"} onChange={() => onChange({ locationKind: "none" })} /> {noneLabel}
      </label>
      <label className="inline">
        <input type="radio" name={`${id}-loc`} checked={draft.locationKind === "column"} onChange={() => onChange({ locationKind: "column" })} /> {columnLabel}
      </label>
      <label className="inline">
        <input type="radio" name={`${id}-loc`} checked={draft.locationKind === "fixed"} onChange={() => onChange({ locationKind: "fixed" })} /> One site for the
        whole file
      </label>
      {draft.locationKind === "column" ? (
        <ColumnSelect label="Location code column" value={draft.locationColumn} columns={columns} onChange={(locationColumn) => onChange({ locationColumn })} />
      ) : draft.locationKind === "fixed" ? (
        <div className="field">
          <label htmlFor={`${id}-site`}>Site</label>
          <select id={`${id}-site`} value={draft.locationCode} onChange={(e) => onChange({ locationCode: e.target.value })}>
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
  );
}

export function DateFields({
  columnLabel,
  zoneLabel,
  column,
  format,
  timeZone,
  columns,
  onChange,
}: {
  columnLabel: string;
  zoneLabel: string;
  column: string;
  format: DateFormat;
  timeZone: string;
  columns: string[];
  onChange: (change: { column?: string; format?: DateFormat; timeZone?: string }) => void;
}) {
  const id = useId();
  return (
    <>
      <ColumnSelect label={columnLabel} value={column} columns={columns} onChange={(value) => onChange({ column: value })} />
      <div className="field">
        <label htmlFor={`${id}-format`}>Date format</label>
        <select id={`${id}-format`} value={format} onChange={(e) => onChange({ format: e.target.value as DateFormat })}>
          {dateFormats.map((f) => (
            <option key={f} value={f}>
              {dateFormatLabels[f]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-zone`}>{zoneLabel}</label>
        <input id={`${id}-zone`} value={timeZone} onChange={(e) => onChange({ timeZone: e.target.value })} placeholder="Europe/London" />
      </div>
    </>
  );
}

export function SkipFields({
  legend,
  draft,
  columns,
  onChange,
}: {
  legend: string;
  draft: SkipDraft;
  columns: string[];
  onChange: (change: Partial<SkipDraft>) => void;
}) {
  const id = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <ColumnSelect optional label="Column" value={draft.skipColumn} columns={columns} onChange={(skipColumn) => onChange({ skipColumn })} />
      {draft.skipColumn ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-skipvalues`}>Skip rows with these values (comma-separated)</label>
            <input id={`${id}-skipvalues`} value={draft.skipValues} onChange={(e) => onChange({ skipValues: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-skipreason`}>Why they are skipped (shown in the preview)</label>
            <input id={`${id}-skipreason`} value={draft.skipReason} onChange={(e) => onChange({ skipReason: e.target.value })} />
          </div>
        </>
      ) : null}
    </fieldset>
  );
}
