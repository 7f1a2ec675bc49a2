// The words for a database that does not answer, shared by the server (503 answers, the health report) and the
// pages' error boundary, which recognises an outage by the digest alone (production builds pass no messages).

/** What a person is told while the database does not answer (stopped, restarting, unreachable). */
export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is not answering; try again in a minute. If it keeps happening, tell your admin: the server log says why.";

/** The digest a page's error boundary recognises a database outage by. */
export const DATABASE_UNAVAILABLE_DIGEST = "database-unavailable";
