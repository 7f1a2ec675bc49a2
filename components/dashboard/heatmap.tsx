// The silos across the journey: departments down, journey stages across, each cell the department's
// touchpoints in that stage, with n in every cell and insufficient cells marked rather than coloured — or,
// turned over, the contacts those touchpoints caused downstream and their cost.
import type { ReactNode } from "react";
import { MethodLink } from "../method-link";
import { HeatmapGrid, type HeatmapGridData } from "./heatmap-grid";
import type { ProgramOverview } from "@/server/scores/overview";
import { formatContacts, formatCount, formatNumber, formatValue } from "../format";
import { formatCost } from "@/lib/money";

export function cellColour(value: number): string {
  // 40 or below is red, 80 or above is green, linear hue in between.
  const hue = Math.max(0, Math.min(120, ((value - 40) / 40) * 120));
  return `hsl(${Math.round(hue)} 65% 88%)`;
}

type HeatmapRow = ProgramOverview["heatmap"]["rows"][number];

/** What one filled cell shows: a figure, the line under it, and how it is coloured. */
interface HeatmapCell {
  text: string;
  detail: string;
  className: string;
  background?: string;
}

/**
 * The grid both faces share: departments down, stages across, a summary column after the department, each
 * filled cell a link to the department in that journey, an empty cell where the department has no touchpoints.
 * Figures are formatted here, on the server; the table itself is drawn by the client grid from compact rows.
 */
function HeatmapTable({
  heatmap,
  caption,
  summaryHeading,
  summary,
  cellOf,
  linkFor,
}: {
  heatmap: ProgramOverview["heatmap"];
  caption: ReactNode;
  summaryHeading: string;
  summary: (row: HeatmapRow) => [string, string | null];
  cellOf: (row: HeatmapRow, index: number) => HeatmapCell | null;
  linkFor: (departmentId: number, journeyId: number) => string;
}) {
  const journeyIds = [...new Set(heatmap.columns.map((c) => c.journeyId))];
  const grid: HeatmapGridData = {
    columns: heatmap.columns.map((c) => ({ stageId: c.stageId, stageName: c.stageName, journeyName: c.journeyName, journey: journeyIds.indexOf(c.journeyId) })),
    rows: heatmap.rows.map((row) => ({
      departmentId: row.departmentId,
      departmentName: row.departmentName,
      summary: summary(row),
      cells: heatmap.columns.map((_, i) => {
        const cell = cellOf(row, i);
        return cell ? [cell.text, cell.detail, cell.className, cell.background ?? null] : null;
      }),
    })),
    links: heatmap.rows.map((row) => journeyIds.map((journeyId) => linkFor(row.departmentId, journeyId))),
  };
  return <HeatmapGrid grid={grid} caption={caption} summaryHeading={summaryHeading} />;
}

export function Heatmap({ heatmap, linkFor }: { heatmap: ProgramOverview["heatmap"]; linkFor: (departmentId: number, journeyId: number) => string }) {
  return (
    <>
      <HeatmapTable
        heatmap={heatmap}
        linkFor={linkFor}
        caption={<>Experience score (0–100) of each department&apos;s touchpoints in each stage. Hatched: too few responses to score.</>}
        summaryHeading="Index"
        summary={(row) => [row.index.status === "ok" ? formatValue("program", row.index.value) : "—", null]}
        cellOf={(row, i) => {
          const cell = row.cells[i];
          if (!cell) return null;
          const ok = cell.status === "ok";
          return {
            text: ok ? formatValue("program", cell.value) : "insufficient",
            detail: formatCount(cell.n),
            className: `num cell ${ok ? "" : "insufficient"}`,
            background: ok ? cellColour(cell.value) : undefined,
          };
        }}
      />
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
      <HeatmapTable
        heatmap={heatmap}
        linkFor={linkFor}
        caption={
          <>
            Contacts that each department&apos;s touchpoints in each stage caused downstream (failure demand), with their cost. A touchpoint placed in two
            stages counts in both; a contact with two causes counts half to each.
          </>
        }
        summaryHeading="All its touchpoints"
        summary={(row) => [formatNumber(Math.round(row.caused.contacts)), formatCost(row.caused.cost, currency)]}
        cellOf={(row, i) => {
          const cell = row.causedCells[i];
          if (!cell) return null;
          return {
            text: formatContacts(cell.contacts),
            detail: formatCost(cell.cost, currency),
            className: "num cell",
            background: causedColour(cell.contacts, largest),
          };
        }}
      />
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
