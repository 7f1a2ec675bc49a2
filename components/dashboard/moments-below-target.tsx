// Moments of truth below target: the touchpoints that make or break the journey and miss their target now,
// furthest below first, each with its owner, score and n; on the overview and on a site's page.
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { formatCount, formatValue, metricLabel } from "@/components/format";
import type { ProgramOverview } from "@/server/scores/overview";

export function MomentsBelowTarget({
  moments,
  hrefFor,
  emptyTitle = "Every scored moment of truth meets its target",
}: {
  moments: ProgramOverview["momentsBelowTarget"];
  hrefFor: (touchpointId: number) => string;
  emptyTitle?: string;
}) {
  if (moments.length === 0) return <EmptyState title={emptyTitle} />;
  return (
    <table className="data">
      <thead>
        <tr>
          <th scope="col">Touchpoint</th>
          <th scope="col">Owner</th>
          <th scope="col" className="num">
            Score
          </th>
          <th scope="col" className="num">
            Target
          </th>
        </tr>
      </thead>
      <tbody>
        {moments.map((m) => (
          <tr key={`${m.touchpointId}-${m.metric}`}>
            <td>
              <Link href={hrefFor(m.touchpointId)}>{m.name}</Link> <span className="muted">{m.code}</span>
            </td>
            <td>{m.ownerName ?? "—"}</td>
            <td className="num">
              {metricLabel[m.metric] ?? m.metric} {formatValue(m.metric, m.value)} <small className="muted">{formatCount(m.n)}</small>
            </td>
            <td className="num">{formatValue(m.metric, m.target)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
