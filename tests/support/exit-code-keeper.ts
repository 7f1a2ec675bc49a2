// A process that starts and stops an embedded server, then ends with exit code 3 the way Vitest ends a failed
// run (process.exitCode, no process.exit): the code must survive whatever the database package hooks on exit.
import { openTemporaryServer } from "../../db/embedded";

const server = await openTemporaryServer("test");
await server.stop();
process.exitCode = 3;
