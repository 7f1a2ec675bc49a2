// Limits shared by the browser and the server, so the client never builds a request the server refuses.
/** Calls in one tRPC batch (the client link splits larger batches). */
export const TRPC_MAX_BATCH_SIZE = 20;
/** Bytes in one tRPC request body; file uploads have their own setting (max_upload_mb). */
export const TRPC_MAX_BODY_BYTES = 1_048_576;
/** PostgreSQL's integer: ids above it cannot exist. */
export const MAX_DATABASE_ID = 2_147_483_647;
/** Periods one month/quarter grain may split a query into, per entity. */
export const MAX_PERIODS_PER_ENTITY = 240;
