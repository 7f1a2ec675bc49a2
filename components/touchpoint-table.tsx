// The touchpoint list used by the overview, owners' home and admin setup: who owns what, where it sits.
import Link from "next/link";
import type { listTouchpoints } from "@/server/model/queries";
import { EmptyState } from "./empty-state";
import { channelLabel, formatNumber } from "./format";

type TouchpointRow = Awaited<ReturnType<typeof listTouchpoints>>[number];

/** `editHref` adds a link per row to the touchpoint's setup form (admin pages). */
export function TouchpointTable({
  rows,
  caption,
  emptyText,
  editHref,
}: {
  rows: TouchpointRow[];
  caption: string;
  emptyText: React.ReactNode;
  editHref?: (id: number) => string;
}) {
  if (rows.length === 0) return <EmptyState title="No touchpoints yet">{emptyText}</EmptyState>;
  return (
    <table className="data">
      <caption className="muted" style={{ textAlign: "left", padding: "0 0 6px" }}>
        {caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Touchpoint</th>
          <th scope="col">Channel</th>
          <th scope="col">Department</th>
          <th scope="col">Owner</th>
          <th scope="col">Journey › stage</th>
          <th scope="col" className="num">
            Responses (12 mo)
          </th>
          {editHref ? (
            <th scope="col">
              <span className="visually-hidden">Edit</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>
              <code>{row.code}</code>
            </td>
            <td>
              {row.name}
              {row.momentOfTruth ? (
                <span className="mot" title="Moment of truth">
                  {" "}
                  ★
                </span>
              ) : null}
              {row.active ? null : <span className="tag inactive"> inactive</span>}
            </td>
            <td>{channelLabel[row.channel]}</td>
            <td>{row.departmentName}</td>
            <td>{row.ownerName ?? <span className="muted">Unassigned</span>}</td>
            <td>{row.placements.length ? row.placements.join("; ") : <span className="muted">Not placed in a stage</span>}</td>
            <td className="num">{formatNumber(row.responsesLast12Months)}</td>
            {editHref ? (
              <td>
                <Link href={editHref(row.id)} className="button-link" aria-label={`Edit ${row.name}`}>
                  Edit
                </Link>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
