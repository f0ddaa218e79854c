import { execFileSync } from 'node:child_process';

/** The current commit (short) and branch, for default versions; undefined outside a git checkout. */
export function gitDefaults(cwd = process.cwd()): { commit?: string; branch?: string } {
  const run = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' }).trim() || undefined;
    } catch {
      return undefined;
    }
  };
  const commit = run(['rev-parse', '--short=12', 'HEAD']);
  const branch = run(['rev-parse', '--abbrev-ref', 'HEAD']);
  return { ...(commit ? { commit } : {}), ...(branch && branch !== 'HEAD' ? { branch } : {}) };
}
