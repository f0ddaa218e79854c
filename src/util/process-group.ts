/**
 * Children the suite starts (the adapter's worker, the pact CLI) run as leaders of their own process group
 * (`spawn(…, { detached: true })`), so that whatever they start in turn (a client wrapping a Go or Python
 * binary, the pact CLI's Rust binary) can be ended with them: a run leaves no process behind, however it ends.
 */

/** Sends `signal` to every process of the group; a group already gone is not an error. */
export function signalGroup(leaderPid: number | undefined, signal: NodeJS.Signals): void {
  if (leaderPid === undefined) return;
  try {
    process.kill(-leaderPid, signal);
  } catch {
    // Already gone.
  }
}

function groupAlive(leaderPid: number): boolean {
  try {
    process.kill(-leaderPid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group, then SIGKILL to what is left after `graceMs`. */
export async function endGroup(leaderPid: number | undefined, graceMs = 1000): Promise<void> {
  if (leaderPid === undefined || !groupAlive(leaderPid)) return;
  signalGroup(leaderPid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(leaderPid)) await new Promise((resolve) => setTimeout(resolve, 50));
  signalGroup(leaderPid, 'SIGKILL');
}
