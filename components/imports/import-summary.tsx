"use client";
// What a preview found (or an import did): rows read, to import, skipped with why, rejected with where,
// and the error report to download.
import type { ImportSummary } from "@/server/imports/pipeline";
import { countOf, formatNumber } from "@/components/format";

const SHOWN_REJECTIONS = 50;

export function ImportSummaryView({
  summary,
  errorReportHref,
  touchpoints = [],
  codeMap = {},
  onMapCode,
  onCreateTouchpoint,
  creating,
  sites = [],
  locationMap = {},
  onMapLocation,
  onCreateLocation,
  creatingLocation,
}: {
  summary: ImportSummary;
  errorReportHref: string;
  /** Throughline's touchpoints, to map the file's unknown codes to. */
  touchpoints?: Array<{ code: string; name: string }>;
  codeMap?: Record<string, string>;
  onMapCode?: (fileCode: string, touchpointCode: string) => void;
  /** Opens the form that creates a touchpoint with this code, for a code that is new rather than misspelt. */
  onCreateTouchpoint?: (fileCode: string) => void;
  /** The create-a-touchpoint form, when open: shown under the codes it is for. */
  creating?: React.ReactNode;
  /** Throughline's active sites, to map the file's unknown site codes to; likewise for the rest. */
  sites?: Array<{ code: string; label: string }>;
  locationMap?: Record<string, string>;
  onMapLocation?: (fileCode: string, locationCode: string) => void;
  onCreateLocation?: (fileCode: string) => void;
  creatingLocation?: React.ReactNode;
}) {
  // Rows refused only for their code are summarised by code above, not listed one by one again.
  const codeRows = [...summary.unknownCodes, ...summary.unknownLocations].reduce((sum, c) => sum + c.rows, 0);
  const listed = summary.rejections.filter((r) => !r.unknownCode && !r.unknownLocation);
  const toImport = summary.status === "imported" ? summary.imported : summary.valid - summary.duplicates;
  const skipped = Object.entries(summary.skipped);
  return (
    <section aria-labelledby="summary-heading" className="import-summary">
      <h3 id="summary-heading">{summary.status === "imported" ? "Imported" : "Preview"}</h3>
      <dl className="summary-counts">
        <div>
          <dt>Rows read</dt>
          <dd>{formatNumber(summary.rowsRead)}</dd>
        </div>
        <div>
          <dt>{summary.status === "imported" ? "Imported" : "Will be imported"}</dt>
          <dd className="good-text">{formatNumber(toImport)}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd>{formatNumber(skipped.reduce((sum, [, n]) => sum + n, 0))}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd className={summary.rejected ? "bad-text" : undefined}>{formatNumber(summary.rejected)}</dd>
        </div>
      </dl>
      {skipped.length ? (
        <ul className="skip-reasons">
          {skipped.map(([reason, n]) => (
            <li key={reason}>
              {formatNumber(n)} skipped: {reason}
            </li>
          ))}
        </ul>
      ) : null}
      {summary.unknownCodes.length ? (
        <UnknownCodes
          title="Touchpoint codes this file uses that Throughline does not know"
          hint="Map each to one of your touchpoints (the mapping is kept in the template and used by the CLI and the HTTP API too), or create the touchpoint it names; then preview again."
          label="Unknown touchpoint codes"
          codes={summary.unknownCodes}
          options={touchpoints.map((tp) => ({ code: tp.code, label: `${tp.code} · ${tp.name}` }))}
          codeMap={codeMap}
          onMap={onMapCode}
          onCreate={onCreateTouchpoint}
          createLabel="Create touchpoint"
          creating={creating}
        />
      ) : null}
      {summary.unknownLocations.length ? (
        <UnknownCodes
          title="Site codes this file uses that Throughline does not know"
          hint="Map each to one of your sites (kept in the template like touchpoint codes), or create the site; then preview again."
          label="Unknown location codes"
          codes={summary.unknownLocations}
          options={sites.map((site) => ({ code: site.code, label: `${site.code} · ${site.label}` }))}
          codeMap={locationMap}
          onMap={onMapLocation}
          onCreate={onCreateLocation}
          createLabel="Create site"
          creating={creatingLocation}
        />
      ) : null}
      {summary.rejected ? (
        <>
          <div className="section-head">
            <h4>{codeRows ? "Other rejected rows" : "Rejected rows"}</h4>
            <a className="button-link" href={errorReportHref} download>
              Download the error report (CSV)
            </a>
          </div>
          {codeRows ? (
            <p className="muted">
              {countOf(codeRows, "row")} with an unknown touchpoint or site code {codeRows === 1 ? "is" : "are"} summarised by code above; the error report
              lists every rejected row.
            </p>
          ) : null}
          {listed.length ? (
            <div className="table-scroll">
              <table className="data" aria-label="Rejected rows">
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Column</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {listed.slice(0, SHOWN_REJECTIONS).map((r, i) => (
                    <tr key={i}>
                      <td className="num">{r.row}</td>
                      <td>{r.column}</td>
                      <td>{r.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {listed.length > SHOWN_REJECTIONS ? (
            <p className="muted">
              The first {SHOWN_REJECTIONS} problems are shown; the error report has them all. Rows are counted from the first answer row as 1.
            </p>
          ) : listed.length ? (
            <p className="muted">Rows are counted from the first answer row as 1.</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** A file's codes that Throughline does not know, with their rows: each mapped to a known code, or created. */
function UnknownCodes({
  title,
  hint,
  label,
  codes,
  options,
  codeMap,
  onMap,
  onCreate,
  createLabel,
  creating,
}: {
  title: string;
  hint: string;
  label: string;
  codes: Array<{ code: string; rows: number }>;
  options: Array<{ code: string; label: string }>;
  codeMap: Record<string, string>;
  onMap?: (fileCode: string, code: string) => void;
  onCreate?: (fileCode: string) => void;
  createLabel: string;
  creating?: React.ReactNode;
}) {
  return (
    <div className="unknown-codes">
      <h4>{title}</h4>
      <p className="muted">{hint}</p>
      <table className="data" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Code in the file</th>
            <th scope="col">Rows</th>
            <th scope="col">Import as</th>
          </tr>
        </thead>
        <tbody>
          {codes.map(({ code, rows }) => (
            <tr key={code}>
              <th scope="row">
                <code>{code || "(empty)"}</code>
              </th>
              <td className="num">{formatNumber(rows)}</td>
              <td>
                {onMap ? (
                  <select aria-label={`Import ${code} as`} value={codeMap[code] ?? ""} onChange={(e) => onMap(code, e.target.value)}>
                    <option value="">— leave out —</option>
                    {options.map((option) => (
                      <option key={option.code} value={option.code}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                ) : null}
                {onCreate && code ? (
                  <button type="button" className="link-button" onClick={() => onCreate(code)}>
                    {createLabel} {code}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {creating}
    </div>
  );
}
