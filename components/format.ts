// The formatters as components import them: they live in lib/format.ts, pure, so server modules (alert texts,
// mails) write figures exactly as pages do without importing from components/.
export * from "@/lib/format";
