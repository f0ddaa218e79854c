/** Capturing what a client under test prints, so that it can be checked and kept off the terminal. */
/**
 * What the client writes to stdout and stderr while it runs (scenarios run one at a time): kept
 * from the terminal, checked for the credential. The suite's own output is written between calls.
 */
export function captureOutput(): { stop(): string } {
  const captured: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const collect = (chunk: unknown, ...rest: unknown[]): boolean => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  process.stdout.write = collect as typeof process.stdout.write;
  process.stderr.write = collect as typeof process.stderr.write;
  return {
    stop() {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
      const text = captured.join('');
      // Passed on: in check-client's child process stdout is piped to the parent, which keeps the
      // adapter's output (credentials masked) for the reports.
      if (text) process.stdout.write(text);
      return text;
    },
  };
}
