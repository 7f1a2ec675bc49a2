// The words for a database that does not answer, shared by the server (503 answers, the health report) and the
// pages' error boundary, which recognises an outage by the digest alone (production builds pass no messages).

/** What a person is told while the database does not answer (stopped, restarting, unreachable). */
export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is not answering; try again in a minute. If it keeps happening, tell your admin: the server log says why.";

/** The digest a page's error boundary recognises a database outage by. */
export const DATABASE_UNAVAILABLE_DIGEST = "database-unavailable";

/** Seconds a page asks the browser (and a person) to wait before trying again during an outage. */
export const OUTAGE_RETRY_SECONDS = 10;

/** The page the proxy answers with 503 while the database does not answer: no script, and it tries again by itself. */
export function outagePageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${OUTAGE_RETRY_SECONDS}">
<title>Throughline: the database is not answering</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}h1{font-size:1.4rem}</style>
</head>
<body>
<main>
<h1>Throughline is waiting for its database</h1>
<p>${DATABASE_UNAVAILABLE_MESSAGE}</p>
<p>This page tries again by itself every ${OUTAGE_RETRY_SECONDS} seconds.</p>
</main>
</body>
</html>
`;
}
