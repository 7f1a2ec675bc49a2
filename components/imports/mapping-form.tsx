"use client";
// The mapping screen: which column is the touchpoint, the date, each metric, the comment and the respondent,
// with every column's sample values beside it so the admin can see what they are choosing.
import { useId } from "react";
import type { FileInspection } from "@/server/imports/inspect";
import { looksLikeFreeText } from "@/lib/import-mapping";
import { usesOf, type MappingDraft, type MetricDraft } from "./mapping-draft";
import { ColumnsTable } from "./columns-table";
import { ColumnSelect, DateFields, LocationFields, SkipFields, type SiteOption } from "./shared-fields";

export type { SiteOption };

export interface TouchpointOption {
  code: string;
  name: string;
}
export interface MetricOption {
  code: string;
  name: string;
  scaleMin: number;
  scaleMax: number;
}

function MetricRow({
  row,
  index,
  columns,
  metrics,
  onChange,
  onRemove,
}: {
  row: MetricDraft;
  index: number;
  columns: string[];
  metrics: MetricOption[];
  onChange: (row: MetricDraft) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const scale = metrics.find((m) => m.code === row.metric);
  return (
    <fieldset className="metric-row">
      <legend>Metric {index + 1}</legend>
      <div className="field">
        <label htmlFor={`${id}-metric`}>Metric</label>
        <select id={`${id}-metric`} value={row.metric} onChange={(e) => onChange({ ...row, metric: e.target.value })}>
          {metrics.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name} ({m.scaleMin}–{m.scaleMax})
            </option>
          ))}
        </select>
      </div>
      <ColumnSelect label="Column" value={row.column} columns={columns} onChange={(column) => onChange({ ...row, column })} />
      <div className="field labels-field">
        <label htmlFor={`${id}-labels`}>Answer labels (one “label = number” per line; empty when answers are numbers)</label>
        <textarea
          id={`${id}-labels`}
          rows={row.labels ? 5 : 1}
          value={row.labels}
          placeholder={scale ? `e.g. Very satisfied = ${scale.scaleMax}` : undefined}
          onChange={(e) => onChange({ ...row, labels: e.target.value })}
        />
      </div>
      <button type="button" className="link-button" onClick={onRemove} aria-label={`Remove metric ${index + 1}`}>
        Remove
      </button>
    </fieldset>
  );
}

export function MappingForm({
  inspection,
  draft,
  onChange,
  touchpoints,
  metrics,
  sites = [],
}: {
  inspection: FileInspection;
  draft: MappingDraft;
  onChange: (draft: MappingDraft) => void;
  touchpoints: TouchpointOption[];
  metrics: MetricOption[];
  /** The active sites a response can be given at. */
  sites?: SiteOption[];
}) {
  const columns = inspection.columns.map((c) => c.key);
  const set = <K extends keyof MappingDraft>(key: K, value: MappingDraft[K]) => onChange({ ...draft, [key]: value });
  const uses = usesOf(draft);
  const id = useId();
  const unmappedText = inspection.columns.filter((column) => !uses.has(column.key) && looksLikeFreeText(column.samples));
  return (
    <div className="mapping">
      <div className="mapping-fields">
        <fieldset>
          <legend>Which touchpoint each response is about</legend>
          <label className="inline">
            <input type="radio" name={`${id}-tp`} checked={draft.touchpointKind === "column"} onChange={() => set("touchpointKind", "column")} /> A column of
            touchpoint codes
          </label>
          <label className="inline">
            <input type="radio" name={`${id}-tp`} checked={draft.touchpointKind === "fixed"} onChange={() => set("touchpointKind", "fixed")} /> One touchpoint
            for the whole file
          </label>
          {draft.touchpointKind === "column" ? (
            <ColumnSelect label="Touchpoint code column" value={draft.touchpointColumn} columns={columns} onChange={(v) => set("touchpointColumn", v)} />
          ) : (
            <div className="field">
              <label htmlFor={`${id}-fixed`}>Touchpoint</label>
              <select id={`${id}-fixed`} value={draft.touchpointCode} onChange={(e) => set("touchpointCode", e.target.value)}>
                <option value="">— choose a touchpoint —</option>
                {touchpoints.map((t) => (
                  <option key={t.code} value={t.code}>
                    {t.name} ({t.code})
                  </option>
                ))}
              </select>
            </div>
          )}
        </fieldset>

        <LocationFields
          legend="Where each response was given"
          noneLabel={'Not in this file (responses count as "no location")'}
          columnLabel="A column of site codes (embedded data, custom data, a hidden field)"
          draft={draft}
          columns={columns}
          sites={sites}
          onChange={(change) => onChange({ ...draft, ...change })}
        />

        <fieldset>
          <legend>When each response was given</legend>
          <DateFields
            columnLabel="Date column"
            zoneLabel="The file's time zone (IANA name)"
            column={draft.respondedAtColumn}
            format={draft.dateFormat}
            timeZone={draft.timeZone}
            columns={columns}
            onChange={(change) =>
              onChange({
                ...draft,
                respondedAtColumn: change.column ?? draft.respondedAtColumn,
                dateFormat: change.format ?? draft.dateFormat,
                timeZone: change.timeZone ?? draft.timeZone,
              })
            }
          />
        </fieldset>

        <fieldset>
          <legend>Scores</legend>
          {draft.metrics.map((row, i) => (
            <MetricRow
              key={i}
              row={row}
              index={i}
              columns={columns}
              metrics={metrics}
              onChange={(next) =>
                set(
                  "metrics",
                  draft.metrics.map((m, j) => (j === i ? next : m)),
                )
              }
              onRemove={() =>
                set(
                  "metrics",
                  draft.metrics.filter((_, j) => j !== i),
                )
              }
            />
          ))}
          <button type="button" onClick={() => set("metrics", [...draft.metrics, { metric: metrics[0]?.code ?? "nps", column: "", labels: "" }])}>
            Add a metric
          </button>
        </fieldset>

        <fieldset>
          <legend>Comment and respondent</legend>
          <ColumnSelect optional label="Comment" value={draft.comment} columns={columns} onChange={(v) => set("comment", v)} />
          <ColumnSelect
            optional
            label="Response id (makes re-imports recognise each response)"
            value={draft.externalId}
            columns={columns}
            onChange={(v) => set("externalId", v)}
          />
          <ColumnSelect optional label="Respondent email" value={draft.respondentEmail} columns={columns} onChange={(v) => set("respondentEmail", v)} />
          <ColumnSelect optional label="Respondent name" value={draft.respondentName} columns={columns} onChange={(v) => set("respondentName", v)} />
        </fieldset>

        <SkipFields
          legend="Rows to skip (previews, tests, spam, partial responses)"
          draft={draft}
          columns={columns}
          onChange={(change) => onChange({ ...draft, ...change })}
        />
      </div>

      <div className="mapping-columns">
        {unmappedText.length > 0 ? (
          <div className="notice" role="status">
            <strong>Free text that will be left out.</strong> {unmappedText.map((c) => `“${c.question || c.key}”`).join(", ")}{" "}
            {unmappedText.length === 1 ? "holds" : "hold"} customers&apos; words but {unmappedText.length === 1 ? "is" : "are"} not mapped. Choose{" "}
            {unmappedText.length === 1 ? "it" : "one"} as the Comment, or those words are not imported.
          </div>
        ) : null}
        <ColumnsTable columns={inspection.columns} uses={uses} />
      </div>
    </div>
  );
}
