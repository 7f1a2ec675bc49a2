// Where along the journey a site breaks: its region's sites down, one journey's stages across, each cell the
// stage's experience score at that site, with n; the site being read is marked, thin cells are hatched.
import Link from "next/link";
import { cellColour } from "@/components/dashboard/heatmap";
import { formatCount, formatValue } from "@/components/format";
import type { RouterOutputs } from "@/lib/router-types";

type LocationHeatmapData = RouterOutputs["dashboard"]["location"]["heatmaps"][number];

export function LocationHeatmap({ heatmap, siteHref }: { heatmap: LocationHeatmapData; siteHref: (code: string) => string }) {
  return (
    <div className="table-scroll">
      <table className="data heatmap" aria-label={`${heatmap.journeyName}: sites by stage`}>
        <caption className="muted" style={{ textAlign: "left", padding: "0 0 6px" }}>
          {heatmap.journeyName}: the experience score (0–100) of each stage at each site. Hatched: too few responses to score.
        </caption>
        <thead>
          <tr>
            <th scope="col">Site</th>
            {heatmap.stages.map((stage) => (
              <th scope="col" key={stage.id} className="num">
                {stage.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatmap.rows.map((row) => (
            <tr key={row.code} className={row.current ? "current-row" : undefined}>
              <th scope="row">
                <Link href={siteHref(row.code)} aria-current={row.current ? "page" : undefined}>
                  {row.name}
                </Link>
                {row.current ? <span className="muted"> (this site)</span> : null}
              </th>
              {row.cells.map((cell, i) => (
                <td
                  key={heatmap.stages[i]!.id}
                  className={`num cell ${cell.status === "ok" ? "" : "insufficient"}`}
                  style={cell.status === "ok" ? { background: cellColour(cell.value) } : undefined}
                >
                  <strong>{cell.status === "ok" ? formatValue("program", cell.value) : cell.n === 0 ? "—" : "insufficient"}</strong>
                  <br />
                  <small>{formatCount(cell.n)}</small>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
