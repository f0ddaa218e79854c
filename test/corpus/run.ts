// Runs one corpus case through the CLI, as a user would: a provider is started and `verify` pointed at
// it; a client is handed to `check-client`; a payload to `validate`. The verdict is the exit code.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { corpusEnv, corpusRoot, type CorpusCase, type Expectation } from './cases.js';

const PROJECT = resolve(import.meta.dirname, '..', '..');
const DESTCONF = join(PROJECT, 'bin', 'destconf');

export interface CaseResult {
  id: string;
  expect: Expectation;
  /** Exit codes of the plain run and, for `warn` cases, of the --strict run. */
  exitCodes: number[];
  ok: boolean;
  /** The failing checks the run named (its ✗ lines), or the output's tail when it named none. */
  findings: string[];
  ms: number;
}

interface Exit { code: number; stdout: string; stderr: string }

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Exit> {
  return new Promise((done) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** Starts a corpus provider and resolves with its port and a function that stops it. */
function startProvider(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ port: number; stop: () => void }> {
  return new Promise((ready, failed) => {
    const child = spawn(process.execPath, [program, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); failed(new Error(`provider did not start: ${out}`)); }, 15_000);
    child.stdout.on('data', (c) => {
      out += c;
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) { clearTimeout(timer); ready({ port: Number(port), stop: () => child.kill('SIGKILL') }); }
    });
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', () => { clearTimeout(timer); if (!out.includes('listening')) failed(new Error(`provider exited: ${out}`)); });
  });
}

/** Each ✗ or ! line with its message (the first indented line that is not its evidence), or the output's tail. */
function findingsOf(exit: Exit): string[] {
  const lines = (exit.stdout + exit.stderr).split('\n');
  const failed = lines.flatMap((line, i) => {
    if (!/^\s*(✗|!)/.test(line)) return [];
    const message = lines.slice(i + 1, i + 4).find((next) => /^\s+\S/.test(next) && !/^\s+(evidence|rerun|request):/.test(next));
    return [message ? `${line.trim()} — ${message.trim().slice(0, 300)}` : line.trim()];
  });
  return failed.length ? failed : lines.join('\n').trim().split('\n').slice(-3);
}

function verdictOk(expect: Expectation, codes: number[]): boolean {
  if (expect === 'pass') return codes[0] === 0;
  if (expect === 'fail') return codes[0] === 1;
  return codes[0] === 0 && codes[1] === 1;
}

export async function runCase(c: CorpusCase, root = corpusRoot()): Promise<CaseResult> {
  const started = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'destconf-corpus-'));
  const env = {
    ...process.env, ...corpusEnv(root), NO_COLOR: '1', PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false',
    UNDICI_PATH: join(PROJECT, 'node_modules', 'undici', 'index.js'),
  };
  const strictToo = c.expect === 'warn' ? [[], ['--strict']] : [[]];
  const exits: Exit[] = [];
  try {
    await runAll();
  } catch (error) {
    exits.push({ code: -1, stdout: '', stderr: String(error) });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const codes = exits.map((e) => e.code);
  return { id: c.id, expect: c.expect, exitCodes: codes, ok: verdictOk(c.expect, codes), findings: findingsOf(exits[0]!), ms: Date.now() - started };

  async function runAll() {
    if (c.kind === 'payload') {
      for (const extra of strictToo) {
        exits.push(await run(process.execPath, [DESTCONF, 'validate', '--vendor', c.vendor, '--kind', c.document, c.file, ...extra], env, 60_000));
      }
    } else if (c.kind === 'client') {
      for (const extra of strictToo) {
        exits.push(await run(process.execPath, [DESTCONF, 'check-client', '--adapter', c.adapter, '--reports', join(scratch, 'reports'), ...extra], env, 300_000));
      }
    } else {
      for (const extra of strictToo) {
        const provider = await startProvider(c.program, ['--vendor', c.vendor, ...c.args], env);
        try {
          exits.push(await run(process.execPath, [DESTCONF, 'verify', '--vendor', c.vendor, '--base-url', `http://127.0.0.1:${provider.port}`,
            '--allow-secret-writes', '--allow-overwrite', ...extra], env, 300_000));
        } finally {
          provider.stop();
        }
      }
    }
  }
}
