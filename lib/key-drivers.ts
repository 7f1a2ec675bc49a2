// The key-driver quadrants (importance × performance) and their words, shared by the server, the pages and the API.
// A driver whose coefficient is not significant has no quadrant: it is drawn apart, never ranked.
export const driverQuadrants = ["fix_first", "keep_up", "possible_overkill", "low_priority"] as const;
export type DriverQuadrant = (typeof driverQuadrants)[number];

export const quadrantLabels: Record<DriverQuadrant, string> = {
  fix_first: "Fix first",
  keep_up: "Keep up",
  possible_overkill: "Possible overkill",
  low_priority: "Low priority",
};

export const quadrantMeanings: Record<DriverQuadrant, string> = {
  fix_first: "matters more than most and performs below the others: improve it first",
  keep_up: "matters more than most and performs well: protect it",
  possible_overkill: "matters less than most yet performs well: effort here may be better spent elsewhere",
  low_priority: "matters less than most and performs below the others: watch, but not first",
};

/** The scopes key drivers are computed for (a location cuts any of them to its sites). */
export const driverScopes = ["program", "journey", "stage", "touchpoint", "department", "location"] as const;
export type DriverScope = (typeof driverScopes)[number];
