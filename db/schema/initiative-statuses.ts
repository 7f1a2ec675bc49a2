// The initiative statuses in their order; they live in lib/enums.ts so browser code can import them too.
export { initiativeStatuses, type InitiativeStatus } from "../../lib/enums";
