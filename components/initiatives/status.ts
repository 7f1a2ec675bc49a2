// How initiative statuses are written everywhere (server pages and client forms alike).
import type { InitiativeStatus } from "@/lib/enums";

export const statusLabel: Record<InitiativeStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  on_hold: "On hold",
  done: "Done",
  cancelled: "Cancelled",
};
