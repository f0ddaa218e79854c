/**
 * Writing results to reports/: JUnit XML (the dialect CI systems read, via junit-report-builder)
 * and JSON. Everything written goes through the redactor first.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { VERSION } from '../version.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { join } from 'node:path';
import junitModule, { type Builder } from 'junit-report-builder';
import { evidenceLine, type CheckResult } from './types.js';

// A CommonJS module: at run time the builder is the module itself, its typings say `.default`.
const junit = ('newBuilder' in junitModule ? junitModule : (junitModule as { default: Builder }).default) as Builder;

export interface ResultsDocument {
  readonly tool: 'destconf';
  readonly command: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: { readonly passed: number; readonly warnings: number; readonly failed: number; readonly skipped: number };
  readonly results: readonly CheckResult[];
  readonly drift: readonly { readonly vendor: string; readonly path: string; readonly message: string }[];
  /** The run was stopped (SIGINT/SIGTERM): the results are the ones so far. */
  readonly interrupted?: string;
  /** What the run was: tool version, git commit when known, Node version, seed, base URL (never a secret). */
  readonly context?: RunContext;
}

export interface RunContext {
  readonly version: string;
  readonly commit?: string;
  readonly node: string;
  readonly seed?: number;
  readonly baseUrl?: string;
}

/** The context of this run: the git commit of the working directory, when it is a checkout. */
export function runContext(extra: { seed?: number; baseUrl?: string } = {}): RunContext {
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).toString().trim() || undefined;
  } catch {
    commit = undefined;
  }
  return { version: VERSION, ...(commit ? { commit } : {}), node: process.versions.node, ...extra };
}

export function resultsDocument(command: string, startedAt: Date, results: readonly CheckResult[], interrupted?: string, context?: RunContext): ResultsDocument {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  return {
    tool: 'destconf',
    command,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    summary: { passed: count('passed'), warnings: count('warning'), failed: count('failed'), skipped: count('skipped') },
    results,
    drift: results.flatMap((r) => (r.drift ?? []).map((d) => ({ vendor: r.vendor, path: d.path, message: d.message }))),
    ...(interrupted ? { interrupted } : {}),
    ...(context ? { context } : {}),
  };
}

/** One `<testsuite>` per vendor and step, one `<testcase>` per check. */
export function junitXml(results: readonly CheckResult[]): string {
  const builder = junit.newBuilder();
  const suites = new Map<string, CheckResult[]>();
  for (const result of results) {
    const key = `${result.vendor}.${result.step}`;
    suites.set(key, [...(suites.get(key) ?? []), result]);
  }
  for (const [key, checks] of suites) {
    const seconds = checks.reduce((total, check) => total + check.durationMs, 0) / 1000;
    const suite = builder.testSuite().name(key).time(seconds);
    for (const check of checks) {
      const testCase = suite.testCase().className(key).name(check.name).time(check.durationMs / 1000);
      const evidence = evidenceLine(check);
      if (check.status === 'failed') testCase.failure(`${check.message ?? 'failed'}${evidence ? ` (${evidence})` : ''}`, check.step);
      if (check.status === 'skipped') testCase.skipped();
      if (check.status === 'skipped' && check.message) testCase.standardOutput(check.message);
      // A warning passes (CI readers show system-out); under --strict it arrives here as a failure.
      if (check.status === 'warning') testCase.standardOutput(`WARNING (fails under --strict): ${check.message ?? ''}${evidence ? ` (${evidence})` : ''}`);
    }
  }
  return builder.build();
}

export function writeReportFiles(dir: string, files: Readonly<Record<string, string>>): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([name, content]) => {
    const path = join(dir, name);
    writeFileAtomic(path, content);
    return path;
  });
}

const STATUSES: readonly string[] = ['passed', 'warning', 'failed', 'skipped'];

/**
 * A results.json read back (`destconf report`): whatever it holds reaches an HTML page and an exit code, so its
 * shape is checked (a hand-edited status such as `<script>` is refused, not rendered) and the summary recounted.
 */
export function parseResultsDocument(text: string): ResultsDocument | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const document = value as Partial<ResultsDocument> | null;
  if (typeof document !== 'object' || document === null || !Array.isArray(document.results)) return 'no "results" list';
  for (const key of ['command', 'startedAt'] as const) if (typeof document[key] !== 'string') return `"${key}" is not a string`;
  if (typeof document.durationMs !== 'number' || !(document.durationMs >= 0)) return '"durationMs" is not a duration';
  if (document.interrupted !== undefined && typeof document.interrupted !== 'string') return '"interrupted" is not a string';
  const problem = document.results.map(resultProblem).findIndex((p) => p !== undefined);
  if (problem >= 0) return `result ${problem + 1} ${resultProblem(document.results[problem])}`;
  const results = document.results as CheckResult[];
  const { summary, drift } = resultsDocument(document.command!, new Date(document.startedAt!), results);
  return { ...(document as ResultsDocument), summary, drift: Array.isArray(document.drift) ? drift : [] };
}

function resultProblem(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return 'is not an object';
  const r = result as Record<string, unknown>;
  for (const key of ['vendor', 'step', 'name']) if (typeof r[key] !== 'string') return `has no string "${key}"`;
  if (!STATUSES.includes(r.status as string)) return `has status ${JSON.stringify(r.status)} (one of ${STATUSES.join(', ')})`;
  if (typeof r.durationMs !== 'number' || !(r.durationMs >= 0)) return 'has no "durationMs"';
  for (const key of ['message', 'reproduce', 'curl']) if (r[key] !== undefined && typeof r[key] !== 'string') return `has a "${key}" that is not a string`;
  return undefined;
}
