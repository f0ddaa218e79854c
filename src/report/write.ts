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
