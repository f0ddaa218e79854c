/**
 * SIGINT and SIGTERM: stop children, remove temporary folders, write what is known as reports
 * marked "interrupted", then exit 130 (SIGINT) or 143 (SIGTERM). Commands register what must run.
 */
type Cleanup = (signal: NodeJS.Signals) => void | Promise<void>;

const cleanups: Cleanup[] = [];
let installed = false;
let interrupted: NodeJS.Signals | undefined;
let ownedByCommand = false;

/** A command that stops on a signal as its normal way of ending (the sandbox) handles them itself. */
export function signalsOwnedByCommand(): void {
  ownedByCommand = true;
}

/** Runs `cleanup` on an interrupt (last registered first); returns the unregistering function. */
export function onInterrupt(cleanup: Cleanup): () => void {
  cleanups.push(cleanup);
  return () => {
    const at = cleanups.indexOf(cleanup);
    if (at >= 0) cleanups.splice(at, 1);
  };
}

export function installInterruptHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted || ownedByCommand) return;
      interrupted = signal;
      void runCleanups(signal).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

async function runCleanups(signal: NodeJS.Signals): Promise<void> {
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
  for (const cleanup of [...cleanups].reverse()) {
    await Promise.race([Promise.resolve().then(() => cleanup(signal)).catch(() => undefined), deadline]);
  }
}
