// The table pieces the failure-demand views share (the view, its contacts drill, a touchpoint's contacts caused):
// a data table with its column heads, and a count of contacts with their cost as two cells. Server components.
import type { ReactNode } from "react";
import { formatCount, formatMargin, formatNumber, formatValue } from "../format";
import { formatCost } from "@/lib/money";
import type { Score } from "@/server/metrics/formulas";

/** A column head: its label, right-aligned when the column holds figures. */
export interface Column {
  label: string;
  num?: boolean;
}

/** A column of figures. */
export const num = (label: string): Column => ({ label, num: true });

/**
 * A `data` table named by `label` (or described by `caption`), its heads from `columns` (a plain string is a text
 * column), its rows the children; in a scrolling box unless `scroll` is false.
 */
export function DataTable({
  label,
  caption,
  columns,
  scroll = true,
  children,
}: {
  label?: string;
  caption?: ReactNode;
  columns: Array<string | Column>;
  scroll?: boolean;
  children: ReactNode;
}) {
  const table = (
    <table className="data" aria-label={label}>
      {caption ? (
        <caption className="muted" style={{ textAlign: "left", padding: "0 0 6px" }}>
          {caption}
        </caption>
      ) : null}
      <thead>
        <tr>
          {columns.map((column) => {
            const { label: text, num: figures } = typeof column === "string" ? { label: column, num: false } : column;
            return (
              <th key={text} scope="col" className={figures ? "num" : undefined}>
                {text}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return scroll ? <div className="table-scroll">{table}</div> : table;
}

/** Contacts (whole, as counted) and their cost, as two figure cells. */
export function ContactCells({ contacts, cost, currency }: { contacts: number; cost: number; currency: string }) {
  return (
    <>
      <td className="num">{formatNumber(Math.round(contacts))}</td>
      <td className="num">{formatCost(cost, currency)}</td>
    </>
  );
}

/** A share of contacts as a table cell: "12% ± 3.1 pts", or why there is none. */
export function shareText(share: Score): string {
  if (share.status === "ok") return `${formatValue("failure_demand", share.value)} ${formatMargin("failure_demand", share.margin)}`;
  return share.n === 0 ? "no contacts" : `too few contacts (${formatCount(share.n)})`;
}
