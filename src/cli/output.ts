import pc from 'picocolors';

/** Where command output goes; tests pass their own to capture it. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
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
