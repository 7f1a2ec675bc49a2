// The whole database schema, one module per domain area; drizzle-kit and the client read it from here.
export * from "./people";
export * from "./model";
export * from "./locations";
export * from "./metrics";
export * from "./responses";
export * from "./contacts";
export * from "./rollups";
export * from "./initiatives";
export * from "./governance";
export * from "./perception";
export * from "./alerts";
export * from "./themes";
