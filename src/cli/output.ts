import pc from 'picocolors';

/** Where command output goes; tests pass their own to capture it. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const broken = new WeakSet<NodeJS.WritableStream>();
/** A stream whose reader went away: later output to it is dropped. */
export function markBroken(stream: NodeJS.WritableStream): void {
  broken.add(stream);
}
const write = (stream: NodeJS.WriteStream, text: string): void => {
  if (!broken.has(stream) && !stream.destroyed) stream.write(text.endsWith('\n') ? text : `${text}\n`);
};

export const processOutput: Output = {
  out: (text) => write(process.stdout, text),
  err: (text) => write(process.stderr, text),
};

export function printJson(output: Output, value: unknown): void {
  output.out(`${JSON.stringify(value, null, 2)}\n`);
}

export const mark = {
  pass: pc.green('✓'),
  fail: pc.red('✗'),
  skip: pc.yellow('○'),
  warn: pc.yellow('!'),
};
export { pc };
