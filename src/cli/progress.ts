/**
 * The live progress display of long runs: a spinner naming the vendor and step on a terminal
 * (ora), a line per finished step everywhere (CI logs included).
 */
import ora, { type Ora } from 'ora';
import { mark, type Output } from './output.js';

export interface ProgressDisplay {
  start(text: string): void;
  stop(ok: boolean, line: string): void;
  done(): void;
}

export function progressDisplay(output: Output, options: { quiet: boolean }): ProgressDisplay {
  if (options.quiet) return { start() {}, stop() {}, done() {} };
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  let spinner: Ora | undefined;
  return {
    start(text) {
      if (interactive) spinner = ora({ text, stream: process.stderr }).start();
    },
    stop(ok, line) {
      spinner?.stop();
      spinner = undefined;
      output.out(`${ok ? mark.pass : mark.fail} ${line}`);
    },
    done() {
      spinner?.stop();
    },
  };
}
