// The initiative statuses in their order, kept free of Drizzle so browser code can import them too.
export const initiativeStatuses = ["not_started", "in_progress", "on_hold", "done", "cancelled"] as const;
export type InitiativeStatus = (typeof initiativeStatuses)[number];
