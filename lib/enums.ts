// The fixed vocabularies shared by the database schema, the server and the browser, free of Drizzle so
// that client code can import them without shipping table definitions.
export const userRoles = ["admin", "executive", "owner"] as const;
export type UserRole = (typeof userRoles)[number];

export const channels = ["phone", "web", "app", "in_person", "email", "chat", "other"] as const;
export type Channel = (typeof channels)[number];

export const metricKinds = ["nps", "csat", "ces", "custom"] as const;
export type MetricKind = (typeof metricKinds)[number];

export const metricDirections = ["higher_is_better", "lower_is_better"] as const;

/** A region groups sites; responses happen at sites. */
export const locationKinds = ["region", "site"] as const;
export type LocationKind = (typeof locationKinds)[number];

/** How a service contact reached support. */
export const contactChannels = ["phone", "chat", "email", "web_form", "social", "in_person", "other"] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** Failure demand is caused by a touchpoint upstream; value demand is a contact the customer wanted. */
export const demandKinds = ["failure", "value"] as const;
export type DemandKind = (typeof demandKinds)[number];

/** The tool a batch came from: survey tools for responses, support tools for service contacts. */
export const responseSources = ["qualtrics", "surveymonkey", "typeform", "csv", "api", "zendesk", "genesys", "salesforce"] as const;
export type ResponseSource = (typeof responseSources)[number];

/** What an import batch holds. */
export const batchKinds = ["responses", "contacts"] as const;
export type BatchKind = (typeof batchKinds)[number];

/** What an API token may do: each HTTP API route needs one of these. */
export const tokenScopes = ["scores:read", "imports:write", "responses:write", "contacts:read"] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** Which door a sign-in attempt came through, and how it ended (pending while the password is checked). */
export const signInKinds = ["password", "invitation"] as const;
export const signInOutcomes = ["pending", "succeeded", "failed", "throttled"] as const;
export type SignInOutcome = (typeof signInOutcomes)[number];

export const importStatuses = ["importing", "imported", "failed", "reverted"] as const;

export const initiativeStatuses = ["not_started", "in_progress", "on_hold", "done", "cancelled"] as const;
export type InitiativeStatus = (typeof initiativeStatuses)[number];

/** What an initiative aims to move: its touchpoint's score, or the contacts the touchpoint causes downstream. */
export const initiativeAims = ["score", "contacts"] as const;
export type InitiativeAim = (typeof initiativeAims)[number];

/** How a survey tool writes dates, as the import's mapping names them. */
export const dateFormats = ["iso", "us", "eu", "excel"] as const;
export type DateFormat = (typeof dateFormats)[number];
