// The drills' measured figures (how long an answer or a rollback took), printed as the suite runs, so the run's
// output is where docs/security.md's numbers come from.
export function record(what: string, value: number, unit: string): void {
  console.log(`[faults] ${what}: ${value} ${unit}`);
}
