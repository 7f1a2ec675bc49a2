// Reads Throughline's environment once, so every entrance (app, CLI, tests, bench) agrees on it.
// Every variable read here is documented in the README's configuration table.
import path from "node:path";
import type { DatabaseKind } from "@/db/client";

export type { DatabaseKind };

export function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL?.trim();
  return url ? url : undefined;
}

/** A read replica for dashboard reads (only with DATABASE_URL); unset, reads go to the primary. */
export function readDatabaseUrl(): string | undefined {
  const url = process.env.DATABASE_READ_URL?.trim();
  return url && databaseUrl() ? url : undefined;
}

export function databaseKind(): DatabaseKind {
  return databaseUrl() ? "postgres" : "embedded";
}

/** Where the embedded database (and the generated auth secret) live. */
export function dataDirectory(): string {
  // The ignore comment keeps Next.js output tracing from copying the whole project.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.THROUGHLINE_DATA_DIR?.trim() || ".data");
}

/**
 * Demo mode (THROUGHLINE_DEMO=1; `npm start` sets it unless told otherwise) lists the demo accounts and their
 * password on the sign-in page. Only the setting turns it on, never the kind of database.
 */
export function demoMode(): boolean {
  return process.env.THROUGHLINE_DEMO?.trim() === "1";
}

/** The program's currency for costs (ISO 4217, e.g. GBP, EUR, USD); unset or not a currency, GBP. */
export function programCurrency(): string {
  const code = process.env.THROUGHLINE_CURRENCY?.trim().toUpperCase();
  if (!code || !/^[A-Z]{3}$/.test(code)) return "GBP";
  try {
    new Intl.NumberFormat("en-GB", { style: "currency", currency: code });
    return code;
  } catch {
    return "GBP";
  }
}
