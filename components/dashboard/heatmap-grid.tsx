"use client";
// The heatmap's table, drawn from compact rows (a tuple a cell): rendered on the server, each cell a dozen elements,
// it was a quarter of the overview's serialised page on the demo; as data it is a third of its old size.
import Link from "next/link";
import type { ReactNode } from "react";

/** A filled cell: figure, the line under it, class, background (none for an insufficient cell). */
export type HeatmapGridCell = [text: string, detail: string, className: string, background: string | null];

export interface HeatmapGridData {
  /** Across: each stage, with its journey's index into `links`. */
  columns: Array<{ stageId: number; stageName: string; journeyName: string; journey: number }>;
  /** Down: each department, its summary (a figure, and a line under it), a cell per column or null where it has no touchpoints. */
  rows: Array<{ departmentId: number; departmentName: string; summary: [string, string | null]; cells: Array<HeatmapGridCell | null> }>;
  /** links[row][journey]: where a cell of that department and journey drills to. */
  links: string[][];
}

export function HeatmapGrid({ grid, caption, summaryHeading }: { grid: HeatmapGridData; caption: ReactNode; summaryHeading: string }) {
  return (
    <div className="table-scroll">
      <table className="data heatmap">
        <caption className="muted" style={{ textAlign: "left", padding: "0 0 6px" }}>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">Department</th>
            <th scope="col" className="num">
              {summaryHeading}
            </th>
            {grid.columns.map((c) => (
              <th scope="col" key={c.stageId} className="num">
                <span className="muted" style={{ fontWeight: 400 }}>
                  {c.journeyName}
                </span>
                <br />
                {c.stageName}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row, r) => (
            <tr key={row.departmentId}>
              <th scope="row">
                <Link href={`/departments/${row.departmentId}`}>{row.departmentName}</Link>
              </th>
              <td className="num">
                {row.summary[0]}
                {row.summary[1] === null ? null : (
                  <>
                    <br />
                    <small>{row.summary[1]}</small>
                  </>
                )}
              </td>
              {grid.columns.map((column, i) => {
                const cell = row.cells[i];
                if (!cell) return <td key={column.stageId} className="num empty-cell" aria-label="no touchpoints" />;
                const [text, detail, className, background] = cell;
                return (
                  <td key={column.stageId} className={className} style={background ? { background } : undefined}>
                    <Link href={grid.links[r]![column.journey]!} title={`${row.departmentName} in ${column.journeyName} › ${column.stageName}`}>
                      <strong>{text}</strong>
                      <br />
                      <small>{detail}</small>
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
