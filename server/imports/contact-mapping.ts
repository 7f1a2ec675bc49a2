// The mapping Throughline proposes for a support-tool export: Zendesk tickets, Genesys Cloud interactions,
// Salesforce cases, or any CSV of contacts, from the headers alone; the admin confirms it on the mapping screen.
import { contactMappingSchema, type ContactMapping } from "@/lib/contact-mapping";
import type { DetectedFormat } from "./detect-format";

export { contactMappingSchema, type ContactMapping };

export interface ContactMappingProposal {
  mapping: Partial<ContactMapping> & { kind: "contacts"; reasons: ContactMapping["reasons"]; unclassifiedValues: string[] };
  /** What the admin must still decide, in words. */
  missing: string[];
}

/** Genesys Cloud's wrap-up code when the agent chose none: no reason, not a reason called that. */
export const GENESYS_NO_WRAP_UP = "ININ-WRAP-UP-TIMEOUT";

const exact = (keys: string[], ...names: string[]) => keys.find((k) => names.some((n) => k.toLowerCase() === n.toLowerCase()));
const find = (keys: string[], pattern: RegExp) => keys.find((k) => pattern.test(k));
const LOCATION = /^(location|location[ _]?code|site|site[ _]?code|store|store[ _]?(id|code)|restaurant|branch|unit)( \[list\])?$/i;
const TOUCHPOINT = /^(touchpoint|touchpoint[ _]?code)( \[list\])?$/i;

/** A handling-time column and its unit from its name ("Total Handle" in ms, "Handle time (minutes)"). */
function handleTimeOf(keys: string[]): ContactMapping["handleTime"] {
  const column = find(keys, /handl|talk time|\baht\b/i);
  if (!column) return undefined;
  const unit = /\bms\b|milli/i.test(column) ? "milliseconds" : /min/i.test(column) ? "minutes" : "seconds";
  return { column, unit };
}

export function proposeContactMapping(detected: DetectedFormat, keys: string[], timeZone?: string): ContactMappingProposal {
  const mapping: ContactMappingProposal["mapping"] = { kind: "contacts", reasons: [], unclassifiedValues: [] };
  const missing: string[] = [];
  const zone = timeZone ?? "UTC";
  switch (detected.format) {
    case "zendesk": {
      // Zendesk writes times in the account's time zone and says nothing of it in the file: ask.
      const at = exact(keys, "Created at");
      if (at) mapping.occurredAt = { column: at, format: "iso", timeZone: zone };
      if (!timeZone) missing.push("the Zendesk account's time zone (Admin Center › Account › Localization), e.g. Europe/London");
      mapping.externalId = exact(keys, "ID");
      const via = exact(keys, "Via");
      mapping.channel = via ? { kind: "column", column: via } : { kind: "fixed", channel: "email" };
      const tags = exact(keys, "Tags");
      if (tags) mapping.reasons.push({ column: tags, split: "space" });
      // Custom dropdown fields export as "Name [list]": each is a reason (a contact reason field, a category).
      for (const key of keys) if (/\[list\]$/i.test(key) && !LOCATION.test(key) && !TOUCHPOINT.test(key)) mapping.reasons.push({ column: key, split: "none" });
      mapping.queue = exact(keys, "Group");
      mapping.subject = exact(keys, "Subject");
      mapping.description = exact(keys, "Description");
      mapping.requesterEmail = exact(keys, "Requester email");
      mapping.requesterName = exact(keys, "Requester");
      mapping.handleTime = handleTimeOf(keys.filter((k) => !/resolution/i.test(k)));
      const status = exact(keys, "Status");
      if (status) mapping.skipWhen = { column: status, values: ["deleted"], reason: "deleted ticket" };
      break;
    }
    case "genesys": {
      const at = exact(keys, "Date", "Start Date", "Conversation Start");
      if (at) mapping.occurredAt = { column: at, format: "iso", timeZone: zone };
      mapping.externalId = exact(keys, "Conversation ID");
      const media = exact(keys, "Media Type");
      mapping.channel = media ? { kind: "column", column: media } : { kind: "fixed", channel: "phone" };
      const wrapUp = exact(keys, "Wrap-up", "Wrap-up Code", "Wrapup");
      if (wrapUp) mapping.reasons.push({ column: wrapUp, split: "comma" });
      mapping.unclassifiedValues = [GENESYS_NO_WRAP_UP];
      mapping.direction = exact(keys, "Direction");
      mapping.queue = exact(keys, "Queue");
      const total = exact(keys, "Total Handle");
      mapping.handleTime = total ? { column: total, unit: "milliseconds" } : handleTimeOf(keys);
      mapping.requesterName = exact(keys, "Remote", "Customer Name");
      break;
    }
    case "salesforce": {
      const at = exact(keys, "Date/Time Opened");
      // Salesforce reports write dates as the user's locale does; US is the default.
      if (at) mapping.occurredAt = { column: at, format: "us", timeZone: zone };
      mapping.externalId = exact(keys, "Case Number");
      const origin = exact(keys, "Case Origin");
      mapping.channel = origin ? { kind: "column", column: origin } : { kind: "fixed", channel: "other" };
      const reason = exact(keys, "Case Reason");
      if (reason) mapping.reasons.push({ column: reason, split: "none" });
      mapping.subject = exact(keys, "Subject");
      mapping.description = exact(keys, "Description");
      mapping.requesterEmail = exact(keys, "Contact Email", "Email");
      mapping.requesterName = exact(keys, "Contact Name", "Case Contact");
      mapping.handleTime = handleTimeOf(keys);
      break;
    }
    default: {
      const at = find(keys, /created|opened|date|time|started|occurred/i);
      if (at) mapping.occurredAt = { column: at, format: "iso", timeZone: zone };
      mapping.externalId = find(keys, /^(id|ticket[ _]?id|ticket[ _]?number|case[ _]?(number|id)|contact[ _]?id|conversation[ _]?id|interaction[ _]?id)$/i);
      const channel = find(keys, /channel|^via$|origin|media/i);
      mapping.channel = channel ? { kind: "column", column: channel } : { kind: "fixed", channel: "other" };
      for (const key of keys)
        if (/reason|wrap.?up|disposition|category|topic/i.test(key)) mapping.reasons.push({ column: key, split: "none" });
        else if (/^tags?$/i.test(key)) mapping.reasons.push({ column: key, split: "comma" });
      mapping.direction = find(keys, /direction/i);
      mapping.queue = find(keys, /queue|group|team/i);
      mapping.subject = find(keys, /subject|title/i);
      mapping.description = find(keys, /description|body|transcript|notes?$/i);
      mapping.requesterEmail = find(keys, /e-?mail/i);
      mapping.requesterName = find(keys, /requester|customer ?name|^name$/i);
      mapping.handleTime = handleTimeOf(keys);
      mapping.cost = find(keys, /^cost/i);
    }
  }
  const touchpoint = find(keys, TOUCHPOINT);
  if (touchpoint) mapping.touchpoint = touchpoint;
  const location = find(keys, LOCATION);
  if (location) mapping.location = { kind: "column", column: location };
  if (!mapping.occurredAt) missing.unshift("the column with the date and time of each contact");
  return { mapping, missing };
}
