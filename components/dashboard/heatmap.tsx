// The silos across the journey: departments down, journey stages across, each cell the department's
// touchpoints in that stage, with n in every cell and insufficient cells marked rather than coloured — or,
// turned over, the contacts those touchpoints caused downstream and their cost.
import Link from "next/link";
import { MethodLink } from "../method-link";
import type { ProgramOverview } from "@/server/scores/overview";
import { formatContacts, formatCount, formatNumber, formatValue } from "../format";
import { formatCost } from "@/lib/money";

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

/** More contacts caused, a deeper red; none, near white. Relative to the largest cell in view. */
export function causedColour(contacts: number, largest: number): string {
  const share = largest > 0 ? Math.min(1, contacts / largest) : 0;
  return `hsl(4 70% ${Math.round(97 - 22 * share)}%)`;
}

/**
 * The heatmap's other face: contacts caused downstream by each department's touchpoints in each stage, with
 * their cost; the count is the cell's n. Each cell drills to the failure-demand view cut to the department and journey.
 */
export function CausedHeatmap({
  heatmap,
  currency,
  linkFor,
}: {
  heatmap: ProgramOverview["heatmap"];
  currency: string;
  linkFor: (departmentId: number, journeyId: number) => string;
}) {
  const largest = Math.max(0, ...heatmap.rows.flatMap((row) => row.causedCells.map((cell) => cell?.contacts ?? 0)));
  return (
    <>
      <div className="table-scroll">
        <table className="data heatmap">
          <caption className="muted" style={{ textAlign: "left", padding: "0 0 6px" }}>
            Contacts that each department&apos;s touchpoints in each stage caused downstream (failure demand), with their cost. A touchpoint placed in two
            stages counts in both; a contact with two causes counts half to each.
          </caption>
          <thead>
            <tr>
              <th scope="col">Department</th>
              <th scope="col" className="num">
                All its touchpoints
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
                <td className="num">
                  {formatNumber(Math.round(row.caused.contacts))}
                  <br />
                  <small>{formatCost(row.caused.cost, currency)}</small>
                </td>
                {row.causedCells.map((cell, i) => {
                  const column = heatmap.columns[i]!;
                  if (!cell) return <td key={column.stageId} className="num empty-cell" aria-label="no touchpoints" />;
                  return (
                    <td key={column.stageId} className="num cell" style={{ background: causedColour(cell.contacts, largest) }}>
                      <Link href={linkFor(row.departmentId, column.journeyId)} title={`${row.departmentName} in ${column.journeyName} › ${column.stageName}`}>
                        <strong>{formatContacts(cell.contacts)}</strong>
                        <br />
                        <small>{formatCost(cell.cost, currency)}</small>
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
        {[0, 0.25, 0.5, 0.75, 1].map((share) => (
          <span key={share} className="legend-swatch" style={{ background: causedColour(share * largest, largest) }}>
            {share === 0 ? "none" : share === 1 ? `${formatNumber(Math.round(largest))} (the most in view)` : formatNumber(Math.round(share * largest))}
          </span>
        ))}{" "}
        <span className="legend-swatch empty-cell">no touchpoints</span>
      </p>
      <MethodLink section="failure-demand">How contacts caused are counted</MethodLink>
    </>
  );
}
