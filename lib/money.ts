// How costs read on every page, in the CLI and in exports: one formatter, in the program's currency
// (THROUGHLINE_CURRENCY, an ISO 4217 code, default GBP), whole units with thousands separators.
export const DEFAULT_CURRENCY = "GBP";

export function formatCost(value: number, currency: string = DEFAULT_CURRENCY): string {
  try {
    return new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${Math.round(value).toLocaleString("en-GB")} ${currency}`;
  }
}
