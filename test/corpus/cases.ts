// The independent corpus (`../shared/corpus`, see its README) as a list of cases, each with the
// verdict it must get. The corpus is written from the vendor pages by people who never saw this
// code: its legal cases must pass and its deviations must fail. The judgement calls its README lists
// (the page is silent either way) are left out, as that README asks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

export type Expectation = 'pass' | 'fail' | 'warn';

export interface ProviderCase {
  kind: 'provider';
  id: string;
  vendor: string;
  /** The provider program and its flags; it prints `listening <port>`. */
  program: string;
  args: string[];
  expect: Expectation;
}
export interface ClientCase {
  kind: 'client';
  id: string;
  adapter: string;
  expect: Expectation;
}
export interface PayloadCase {
  kind: 'payload';
  id: string;
  vendor: string;
  document: 'request' | 'response';
  file: string;
  expect: Expectation;
}
export type CorpusCase = ProviderCase | ClientCase | PayloadCase;

/** The README's judgement calls: not counted either way. */
const JUDGEMENT_CALLS = new Set([
  'provider variants.mjs --variant stitch-string-id',
  'provider variants.mjs --deviation accepts-unknown-mask-path',
  'provider variants.mjs --deviation 404-as-400',
  'client variants/bearer-lowercase.mjs',
  'client variants/validates-locally.mjs',
]);
/** Libraries and tools of the corpus, not cases. */
const NOT_CASES = new Set(['vlib.mjs', 'interop.mjs', 'lib.mjs', 'lib2.mjs', 'selftest.mjs', 'selftest-variants.mjs']);

export const VENDOR_IDS = ['streamkap', 'stitch', 'prequel', 'ampersand', 'redox'] as const;

/** Where the corpus is: DESTCONF_CORPUS, else `../shared/corpus` beside the checkout. */
export function corpusRoot(): string {
  return resolve(process.env.DESTCONF_CORPUS ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus'));
}

/** The variables of the corpus's env.sh (`export A=b C=d \` lines), as an object. */
export function corpusEnv(root: string): Record<string, string> {
  const text = readFileSync(join(root, 'env.sh'), 'utf8');
  const env: Record<string, string> = {};
  for (const [, key, value] of text.matchAll(/\b([A-Z][A-Z0-9_]*)=([^\s\\]+)/g)) env[key!] = value!;
  return env;
}

function listOf(root: string, program: string, flag: string, vendor: string): string[] {
  const out = execFileSync(process.execPath, [join(root, 'providers', program), '--vendor', vendor, flag], { encoding: 'utf8' });
  return out.split('\n').map((line) => line.trim()).filter(Boolean);
}

function providerCases(root: string): ProviderCase[] {
  const cases: ProviderCase[] = [];
  const add = (vendor: string, program: string, args: string[], expect: Expectation) => {
    const label = `provider ${program}${args.length ? ' ' + args.join(' ') : ''}`;
    if (JUDGEMENT_CALLS.has(label)) return;
    cases.push({ kind: 'provider', id: `${label} (${vendor})`, vendor, program: join(root, 'providers', program), args, expect });
  };
  for (const vendor of VENDOR_IDS) {
    add(vendor, 'provider.mjs', [], 'pass');
    for (const d of listOf(root, 'provider.mjs', '--list-deviations', vendor)) add(vendor, 'provider.mjs', ['--deviation', d], 'fail');
    add(vendor, 'variants.mjs', [], 'pass');
    for (const v of listOf(root, 'variants.mjs', '--list-variants', vendor)) {
      // Undocumented fields are drift: a warning, which fails only under --strict.
      add(vendor, 'variants.mjs', ['--variant', v], v === 'extra-fields' ? 'warn' : 'pass');
    }
    for (const d of listOf(root, 'variants.mjs', '--list-deviations', vendor)) add(vendor, 'variants.mjs', ['--deviation', d], 'fail');
  }
  return cases;
}

function mjsIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.mjs') && !NOT_CASES.has(f)).sort() : [];
}

function clientCases(root: string): ClientCase[] {
  const clients = join(root, 'clients');
  const cases: ClientCase[] = [];
  const add = (relative: string, expect: Expectation) => {
    if (JUDGEMENT_CALLS.has(`client ${relative}`)) return;
    cases.push({ kind: 'client', id: `client ${relative}`, adapter: join(clients, relative), expect });
  };
  add('correct.mjs', 'pass');
  for (const f of mjsIn(join(clients, 'variants'))) add(`variants/${f}`, 'pass');
  for (const f of mjsIn(join(clients, 'generated'))) add(`generated/${f}`, f === 'otc-default-encoder.mjs' ? 'fail' : 'pass');
  for (const f of mjsIn(join(clients, 'mutants'))) add(`mutants/${f}`, 'fail');
  for (const f of mjsIn(join(clients, 'mutants2'))) add(`mutants2/${f}`, f === 'control.mjs' ? 'pass' : 'fail');
  return cases;
}

const PAYLOAD_VERDICTS: Record<string, Expectation> = { valid: 'pass', invalid: 'fail', beyond: 'warn' };

function payloadCases(root: string): PayloadCase[] {
  const cases: PayloadCase[] = [];
  for (const set of ['payloads', 'payloads-ext']) {
    for (const vendor of VENDOR_IDS) {
      for (const [folder, expect] of Object.entries(PAYLOAD_VERDICTS)) {
        const dir = join(root, set, vendor, folder);
        if (!existsSync(dir)) continue;
        for (const f of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
          const document = f.endsWith('.response.json') ? 'response' : 'request';
          cases.push({ kind: 'payload', id: `payload ${set}/${vendor}/${folder}/${f}`, vendor, document, file: join(dir, f), expect });
        }
      }
    }
  }
  return cases;
}

export function corpusCases(root = corpusRoot()): CorpusCase[] {
  return [...payloadCases(root), ...clientCases(root), ...providerCases(root)];
}
