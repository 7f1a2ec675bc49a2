// A stand-in for the app in tests: owns the embedded database in argv[2] (as the app does, signals included)
// and prints {port, url} once it is ready; it then serves until a signal, or until it is killed.
import { openEmbeddedServer, stopOnSignals } from "../../db/embedded";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: embedded-owner <data-dir>");
const server = await openEmbeddedServer({ dataDir, owner: "app" });
server.markReady();
stopOnSignals(() => server.stop());
console.log(JSON.stringify({ port: server.port, url: server.url }));
setInterval(() => {}, 60_000);
