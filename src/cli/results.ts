/** Printing check results the same way in every command. */
import type { CheckResult } from '../report/types.js';
import { mark, pc, type Output } from './output.js';

export function printResult(output: Output, result: CheckResult): void {
  const icon = result.status === 'passed' ? mark.pass : result.status === 'failed' ? mark.fail : mark.skip;
  output.out(`${icon} ${result.vendor}: ${result.name}${result.status === 'skipped' && result.message ? ` (${result.message})` : ''}`);
  if (result.status !== 'failed') {
    if (result.drift && result.drift.length > 0) output.out(`    ${mark.warn} ${pc.yellow(`drift: ${result.drift.map((d) => d.path).join(', ')}`)}`);
    return;
  }
  if (result.message) output.out(`    ${pc.red(result.message)}`);
  if (result.expected !== undefined) output.out(`    ${pc.green(`expected: ${compact(result.expected)}`)}`);
  if (result.actual !== undefined) output.out(`    ${pc.red(`actual:   ${compact(result.actual)}`)}`);
}

export function printSummary(output: Output, results: readonly CheckResult[]): void {
  const count = (s: string) => results.filter((r) => r.status === s).length;
  output.out(`${count('passed')} passed, ${count('failed')} failed${count('skipped') ? `, ${count('skipped')} skipped` : ''}`);
}

function compact(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 397)}...` : text;
}
