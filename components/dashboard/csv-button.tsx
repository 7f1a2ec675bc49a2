"use client";
// The "Download CSV" button: rebuilds the rows from their packed columns and writes them with the app's one CSV
// writer (formula-safe), in the browser, when pressed.
import { toCsv } from "@/lib/csv";

export function CsvButton({ columns, values, fileName }: { columns: string[]; values: unknown[][]; fileName: string }) {
  const download = () => {
    const rows = values.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])));
    const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <button type="button" className="csv-button" onClick={download} disabled={values.length === 0}>
      Download CSV
    </button>
  );
}
