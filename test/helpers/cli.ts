import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DESTCONF = fileURLToPath(new URL('../../bin/destconf', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bin/destconf` as a user would, optionally feeding stdin. */
export function destconf(args: readonly string[], options: { input?: string | Uint8Array; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DESTCONF, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Runs the CLI inside this process (fast; lets a test inspect the process afterwards). The CLI's modules are
 * imported on the first call: a test file that only spawns the CLI does not evaluate them (a second a file).
 */
export async function destconfInProcess(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const { run } = await import('../../src/cli/main.js');
  let out = '';
  let err = '';
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);
  const code = await run(argv, { out: (t) => (out += line(t)), err: (t) => (err += line(t)) });
  process.exitCode = 0;
  return { code, out, err };
}
