/** Printing check results the same way in every command. */
import { diffLines } from 'diff';
import { evidenceLine, type CheckResult } from '../report/types.js';
import { mark, pc, type Output } from './output.js';

export function printResult(output: Output, result: CheckResult): void {
  const icon = result.status === 'passed' ? mark.pass : result.status === 'failed' ? mark.fail : result.status === 'warning' ? mark.warn : mark.skip;
  output.out(`${icon} ${result.vendor}: ${result.name}${result.status === 'skipped' && result.message ? ` (${result.message})` : ''}`);
  if (result.status === 'warning') output.out(`    ${pc.yellow(`warning (fails under --strict): ${result.message ?? ''}`)}`);
  const evidence = evidenceLine(result);
  if (evidence && (result.status === 'warning' || result.status === 'failed')) output.out(`    ${pc.dim(evidence)}`);
  if (result.status !== 'failed') {
    if (result.drift && result.drift.length > 0) output.out(`    ${mark.warn} ${pc.yellow(`drift: ${result.drift.map((d) => d.path).join(', ')}`)}`);
    return;
  }
  if (result.message) output.out(`    ${pc.red(result.message)}`);
  if (result.reproduce) output.out(`    ${pc.dim(`rerun: ${result.reproduce}`)}`);
  if (result.curl) output.out(`    ${pc.dim(`request: ${result.curl}`)}`);
  if (isStructured(result.expected) && isStructured(result.actual)) {
    for (const line of diffLinesOf(result.expected, result.actual)) output.out(`    ${line}`);
    return;
  }
  if (result.expected !== undefined) output.out(`    ${pc.green(`expected: ${compact(result.expected)}`)}`);
  if (result.actual !== undefined) output.out(`    ${pc.red(`actual:   ${compact(result.actual)}`)}`);
}

const isStructured = (value: unknown): boolean => value !== null && typeof value === 'object';

/** A unified diff of expected (-) against actual (+), changed lines with two lines of context. */
function diffLinesOf(expected: unknown, actual: unknown, context = 2, limit = 40): string[] {
  const lines = diffLines(JSON.stringify(expected, null, 2), JSON.stringify(actual, null, 2)).flatMap((part) =>
    part.value
      .replace(/\n$/, '')
      .split('\n')
      .map((text) => ({ text, sign: part.added ? '+' : part.removed ? '-' : ' ' })),
  );
  const keep = new Set<number>();
  lines.forEach((line, i) => {
    if (line.sign !== ' ') for (let j = i - context; j <= i + context; j++) keep.add(j);
  });
  const out = [pc.dim('--- expected  +++ actual')];
  let previous = -1;
  for (const i of [...keep].filter((k) => k >= 0 && k < lines.length).sort((a, b) => a - b)) {
    if (previous >= 0 && i > previous + 1) out.push(pc.dim('  ...'));
    const { sign, text } = lines[i]!;
    out.push(sign === '+' ? pc.red(`+ ${text}`) : sign === '-' ? pc.green(`- ${text}`) : pc.dim(`  ${text}`));
    previous = i;
  }
  return out.length > limit ? [...out.slice(0, limit), pc.dim(`  ... ${out.length - limit} more lines`)] : out;
}

export function printSummary(output: Output, results: readonly CheckResult[]): void {
  const count = (s: string) => results.filter((r) => r.status === s).length;
  output.out(`${count('passed')} passed, ${count('failed')} failed${count('warning') ? `, ${count('warning')} warnings` : ''}${count('skipped') ? `, ${count('skipped')} skipped` : ''}`);
}

function compact(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 397)}...` : text;
}
