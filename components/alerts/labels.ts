// How alerts' statuses, kinds and escalation read on every page (server pages and client forms alike).
import type { AlertRuleKind, AlertStatus } from "@/lib/alerts";

export const alertStatusLabel: Record<AlertStatus, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  in_progress: "In progress",
  closed: "Closed",
};

export const alertKindLabel: Record<AlertRuleKind, string> = {
  metric_drop: "Significant drop",
  below_target: "Below target",
  detractor_words: "Detractor's words",
  contacts_up: "Contacts caused up",
  theme_share: "Theme's share rising",
};

/** Who a case has been escalated to: level 0 its assignee, 1 the department head, 2 the CCO's office. */
export function escalationText(level: number): string {
  return level <= 0 ? "not escalated" : level === 1 ? "escalated to the department head" : "escalated to the CCO";
}
