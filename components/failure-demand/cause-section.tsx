// One "who caused them" section of the failure-demand view (by department, by journey stage): its CSV, bars of
// the contacts caused, and a table of them with cost, shares and change in share; or, with none, why not.
import type { ReactNode } from "react";
import { DownloadCsv } from "../dashboard/download-csv";
import { EmptyState } from "../empty-state";
import type { DemandBar } from "./demand-bars";
import { DemandBars } from "./lazy-charts";
import { ContactCells, DataTable, num, shareText } from "./tables";
import type { Score } from "@/server/metrics/formulas";

/** A department or stage that caused contacts, with its drill to the contacts and its change already in words. */
export interface CauseRow {
  key: number;
  name: string;
  href: string;
  contacts: number;
  cost: number;
  /** Its part of all failure demand, in percent (null with none); shown only where the section asks for it. */
  shareOfFailure?: number | null;
  share: Score;
  change: { text: string; tone: string };
}

export function CauseSection({
  id,
  title,
  csv,
  note,
  empty,
  bars,
  table,
  rows,
  currency,
}: {
  id: string;
  title: string;
  csv: { fileName: string; rows: Array<Record<string, unknown>> };
  note?: ReactNode;
  empty: { title: string; text: string };
  bars: { bars: DemandBar[]; label: string };
  /** The table's name, the head of its first column, and whether it shows each row's part of all failure demand. */
  table: { label: string; heading: string; ofFailureDemand: boolean };
  rows: CauseRow[];
  currency: string;
}) {
  const columns = [
    table.heading,
    num("Contacts caused"),
    num("Cost"),
    ...(table.ofFailureDemand ? [num("Of failure demand")] : []),
    num("Of all contacts"),
    "Change in share",
  ];
  return (
    <section className="card" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        <DownloadCsv fileName={csv.fileName} rows={csv.rows} />
      </div>
      {note}
      {rows.length === 0 ? (
        <EmptyState title={empty.title}>
          <p>{empty.text}</p>
        </EmptyState>
      ) : (
        <>
          <DemandBars bars={bars.bars} label={bars.label} />
          <DataTable label={table.label} columns={columns}>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  <a href={row.href}>{row.name}</a>
                </th>
                <ContactCells contacts={row.contacts} cost={row.cost} currency={currency} />
                {table.ofFailureDemand ? <td className="num">{row.shareOfFailure == null ? "—" : `${row.shareOfFailure.toFixed(1)}%`}</td> : null}
                <td className="num">{shareText(row.share)}</td>
                <td className={`change ${row.change.tone}`}>{row.change.text}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
