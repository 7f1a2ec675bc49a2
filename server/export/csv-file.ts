// A CSV file written row by row on the server, for exports too long to hold in memory (an import's error
// report); the same formula guard as every other export. Kept apart from csv.ts, which the browser uses too.
import fs from "node:fs";
import { stringify } from "csv-stringify";
import { neutraliseFormula } from "@/lib/csv";

export function createCsvFile(path: string, columns: string[]) {
  const csv = stringify({ header: true, columns });
  const finished = new Promise<void>((resolve, reject) => {
    csv.pipe(fs.createWriteStream(path)).on("finish", resolve).on("error", reject);
  });
  return {
    write: (values: unknown[]) => void csv.write(values.map(neutraliseFormula)),
    close: async () => {
      csv.end();
      await finished;
    },
  };
}
