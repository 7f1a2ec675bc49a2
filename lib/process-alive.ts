// Whether a process id still names a running process (signal 0 asks without signalling); EPERM means it runs
// as another user. Used to tell a live owner's files (embedded data directory, uploads) from a crashed one's.
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
