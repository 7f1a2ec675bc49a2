// How tests run the CLI: as `npm run cli` does, Node with the react-server condition (so "server-only"
// modules load, as in the server build) and tsx for TypeScript.
export const cliCommand = process.execPath;
export const cliArgs = (...args: string[]) => ["--conditions=react-server", "--import", "tsx", "cli/index.ts", ...args];
