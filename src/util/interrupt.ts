/**
 * SIGINT and SIGTERM: stop children, remove temporary folders, write what is known as reports
 * marked "interrupted", then exit 130 (SIGINT) or 143 (SIGTERM). Commands register what must run.
 */
type Cleanup = (signal: NodeJS.Signals) => void | Promise<void>;

/** What a cleanup may take before it is given up on: removing files is quick; putting a live destination back takes requests. */
const DEFAULT_BOUND_MS = 5000;

const cleanups: { run: Cleanup; boundMs: number }[] = [];
let installed = false;
let interrupted: NodeJS.Signals | undefined;
let ownedByCommand = false;

/** The signal the run was interrupted by, if any: what ends after it (a killed child) is not a finding. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return interrupted;
}

/** A command that stops on a signal as its normal way of ending (the sandbox) handles them itself. */
export function signalsOwnedByCommand(): void {
  ownedByCommand = true;
}

/** Runs `cleanup` on an interrupt (last registered first), for at most `boundMs`; returns the unregistering function. */
export function onInterrupt(cleanup: Cleanup, boundMs = DEFAULT_BOUND_MS): () => void {
  const entry = { run: cleanup, boundMs };
  cleanups.push(entry);
  return () => {
    const at = cleanups.indexOf(entry);
    if (at >= 0) cleanups.splice(at, 1);
  };
}

export function installInterruptHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (ownedByCommand) return;
      const code = signal === 'SIGINT' ? 130 : 143;
      // A second interrupt while cleaning up: the user wants out now.
      if (interrupted) {
        process.stderr.write(`destconf: ${signal} again: stopped without finishing the clean-up\n`);
        process.exit(code);
      }
      interrupted = signal;
      void runCleanups(signal).finally(() => process.exit(code));
    });
  }
}

async function runCleanups(signal: NodeJS.Signals): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, cleanup.boundMs)));
    await Promise.race([Promise.resolve().then(() => cleanup.run(signal)).catch(() => undefined), bound]);
    clearTimeout(timer);
  }
}
