// The silos across the journey: departments down, journey stages across, each cell the department's
// touchpoints in that stage, with n in every cell and insufficient cells marked rather than coloured.
import Link from "next/link";
import { MethodLink } from "../method-link";
import type { ProgramOverview } from "@/server/scores/overview";
import { formatCount, formatValue } from "../format";

export function cellColour(value: number): string {
  // 40 or below is red, 80 or above is green, linear hue in between.
  const hue = Math.max(0, Math.min(120, ((value - 40) / 40) * 120));
  return `hsl(${hue} 65% 88%)`;
}

export function Heatmap({ heatmap, linkFor }: { heatmap: ProgramOverview["heatmap"]; linkFor: (departmentId: number, journeyId: number) => string }) {
  return (
    <>
      <div className="table-scroll">
        <table className="data heatmap">
          <caption className="muted" style={{ textAlign: "left", padding: "0 0 6px" }}>
            Experience score (0–100) of each department&apos;s touchpoints in each stage. Hatched: too few responses to score.
          </caption>
          <thead>
            <tr>
              <th scope="col">Department</th>
              <th scope="col" className="num">
                Index
              </th>
              {heatmap.columns.map((c) => (
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
            {heatmap.rows.map((row) => (
              <tr key={row.departmentId}>
                <th scope="row">
                  <Link href={`/departments/${row.departmentId}`}>{row.departmentName}</Link>
                </th>
                <td className="num">{row.index.status === "ok" ? formatValue("program", row.index.value) : "—"}</td>
                {row.cells.map((cell, i) => {
                  const column = heatmap.columns[i]!;
                  if (!cell) return <td key={column.stageId} className="num empty-cell" aria-label="no touchpoints" />;
                  const text = cell.status === "ok" ? formatValue("program", cell.value) : "insufficient";
                  return (
                    <td
                      key={column.stageId}
                      className={`num cell ${cell.status === "ok" ? "" : "insufficient"}`}
                      style={cell.status === "ok" ? { background: cellColour(cell.value) } : undefined}
                    >
                      <Link href={linkFor(row.departmentId, column.journeyId)} title={`${row.departmentName} in ${column.journeyName} › ${column.stageName}`}>
                        <strong>{text}</strong>
                        <br />
                        <small>{formatCount(cell.n)}</small>
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="heatmap-legend muted" aria-label="Colour scale">
        Colour:{" "}
        {[40, 50, 60, 70, 80].map((value) => (
          <span key={value} className="legend-swatch" style={{ background: cellColour(value) }}>
            {value === 40 ? "40 or below" : value === 80 ? "80 or above" : value}
          </span>
        ))}{" "}
        <span className="legend-swatch insufficient">too few responses</span> <span className="legend-swatch empty-cell">no touchpoints</span>
      </p>
      <MethodLink section="roll-up">How the cells are computed</MethodLink>
    </>
  );
}
