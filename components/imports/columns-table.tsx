"use client";
// The file's columns with their sample values and what each is used for: beside both mapping screens, so
// the admin sees what they are choosing.
import type { FileInspection } from "@/server/imports/inspect";

export function ColumnsTable({ columns, uses }: { columns: FileInspection["columns"]; uses: Map<string, string> }) {
  return (
    <>
      <h3>The file&apos;s columns</h3>
      <div className="table-scroll columns-scroll">
        <table className="data" aria-label="Columns of the file with sample values">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Sample values</th>
              <th scope="col">Used as</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => (
              <tr key={column.key} className={uses.has(column.key) ? "used" : undefined}>
                <th scope="row">
                  {column.key}
                  {column.question !== column.key ? <div className="muted question">{column.question}</div> : null}
                </th>
                <td className="samples">{column.samples.length ? column.samples.slice(0, 3).join(" · ") : <span className="muted">empty</span>}</td>
                <td>{uses.get(column.key) ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
