import { execFileSync } from 'node:child_process';

/** CLI tests run bin/destconf, which runs the bundle: rebuild it from the sources under test. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
