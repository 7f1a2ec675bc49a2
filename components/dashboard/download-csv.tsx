"use client";
// "Download CSV" for any table on screen, written by the app's one CSV writer (formula-safe).
import { toCsv } from "@/lib/csv";

export function DownloadCsv({ rows, fileName }: { rows: Array<Record<string, unknown>>; fileName: string }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <button type="button" className="csv-button" onClick={download} disabled={rows.length === 0}>
      Download CSV
    </button>
  );
}
