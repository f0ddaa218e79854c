import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';
import { destconf } from './helpers/cli.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; engines: { node: string } };

describe('package', () => {
  it('reports the package.json version', async () => {
    expect(VERSION).toBe(pkg.version);
    expect((await destconf(['--version'])).stdout.trim()).toBe(pkg.version);
  });
  it('accepts Node 20 and later', () => {
    expect(pkg.engines.node).toBe('>=20');
  });
});
