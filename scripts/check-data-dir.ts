// `npm start` runs this before `next start`: a second app on a data directory that another app serves is
// refused at once, before Next.js says "Ready". The app's own claim at start-up stays the real guard.
import { assertNoOtherApp, EmbeddedDatabaseError } from "../db/embedded";
import { dataDirectory } from "../server/config";

try {
  assertNoOtherApp(dataDirectory());
} catch (error) {
  if (!(error instanceof EmbeddedDatabaseError)) throw error;
  console.error(`[throughline] cannot start: ${error.message}`);
  process.exit(1);
}
