// "Download CSV" for any table on screen. The rows travel to the browser packed (the column names once, then a
// list of values a row), not as an object a row repeating every name: the page's serialised size is what it costs to render.
import { CsvButton } from "./csv-button";

export function DownloadCsv({ rows, fileName }: { rows: Array<Record<string, unknown>>; fileName: string }) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const values = rows.map((row) => columns.map((column) => row[column]));
  return <CsvButton columns={columns} values={values} fileName={fileName} />;
}
