import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultsDocument } from '../src/report/write.js';
import { destconf, type CliResult } from './helpers/cli.js';
import { VENDOR_MODULES } from './helpers/vendors.js';

const reports = mkdtempSync(join(tmpdir(), 'destconf-conformance-'));
let run: CliResult;

beforeAll(async () => {
  run = await destconf(['conformance', '--reports', reports]);
}, 120_000);

describe('destconf conformance', () => {
  it('conforms for all five vendors and prints a summary table', () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    for (const vendor of ['streamkap', 'stitch', 'prequel', 'ampersand', 'redox']) expect(run.stdout).toMatch(new RegExp(`^${vendor} +✓`, 'm'));
    expect(run.stdout).toMatch(/✓ \d+ passed, 0 warnings, 0 failed, 0 skipped in [\d.]+ s/);
  });

  it('writes results.json with every check by vendor, step and status', () => {
    const document = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8')) as ResultsDocument;
    expect(document.summary.failed).toBe(0);
    const cells = new Set(document.results.map((r) => `${r.vendor}/${r.step}`));
    expect(cells.size).toBe(25);
    for (const result of document.results) {
      expect(result).toMatchObject({ vendor: expect.any(String), step: expect.any(String), name: expect.any(String), status: 'passed', durationMs: expect.any(Number) });
    }
    expect(document.drift).toEqual([]);
  });

  it('writes JUnit XML in the shape CI systems read: a testsuite per vendor and step, a testcase per check', () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(reports, 'junit.xml'), 'utf8')) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; tests: string; failures: string; errors: string; skipped: string; time: string; testcase: { name: string; classname: string; time: string }[] | object }[] };
    };
    const document = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8')) as ResultsDocument;
    expect(Number(xml.testsuites.tests)).toBe(document.results.length);
    expect(xml.testsuites.testsuite).toHaveLength(25);
    for (const suite of xml.testsuites.testsuite) {
      expect(suite.name).toMatch(/^(streamkap|stitch|prequel|ampersand|redox)\.(fixtures|properties|contracts|verify|check-client)$/);
      for (const attribute of ['tests', 'failures', 'errors', 'skipped', 'time']) expect(Number.isFinite(Number(suite[attribute as keyof typeof suite]))).toBe(true);
      const cases = Array.isArray(suite.testcase) ? suite.testcase : [suite.testcase];
      expect(cases.length).toBe(Number(suite.tests));
      for (const testCase of cases as { name: string; classname: string }[]) expect(testCase.classname).toBe(suite.name);
    }
  });

  it('writes a self-contained HTML report', () => {
    const html = readFileSync(join(reports, 'index.html'), 'utf8');
    expect(html).toContain('data-testid="matrix"');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
  });

  it('puts no credential it used in any report', () => {
    const secrets = VENDOR_MODULES.map((v) => v.sandbox.credential);
    for (const file of readdirSync(reports)) {
      const text = readFileSync(join(reports, file), 'utf8');
      for (const secret of secrets) expect(text, `${file} holds a credential`).not.toContain(secret);
      expect(text).not.toMatch(/(?<![0-9a-zA-Z])[0-9a-f]{32}(?![0-9a-zA-Z])|contract-secret-/);
    }
    for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('re-renders junit.xml and index.html from results.json with `destconf report`', async () => {
    const document = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8')) as ResultsDocument;
    const failing = { ...document, summary: { ...document.summary, failed: 1 }, results: [...document.results, { vendor: 'redox', step: 'verify', name: 'a check', status: 'failed', durationMs: 1, message: 'broke' }] };
    const dir = mkdtempSync(join(tmpdir(), 'destconf-report-'));
    writeFileSync(join(dir, 'results.json'), JSON.stringify(failing));
    const result = await destconf(['report', '--reports', dir]);
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('<failure message="broke"');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('Not conforming');
    const empty = await destconf(['report', '--reports', mkdtempSync(join(tmpdir(), 'destconf-empty-'))]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no results to render/);
  });

  it('`destconf report` on an interrupted run says so and exits 1; a hand-edited document cannot inject markup or lie', async () => {
    const document = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8')) as ResultsDocument;
    const render = async (edited: unknown) => {
      const dir = mkdtempSync(join(tmpdir(), 'destconf-report-'));
      writeFileSync(join(dir, 'results.json'), JSON.stringify(edited));
      const result = await destconf(['report', '--reports', dir]);
      return { ...result, html: () => readFileSync(join(dir, 'index.html'), 'utf8') };
    };
    const interrupted = await render({ ...document, results: document.results.slice(0, 23), interrupted: 'SIGINT' });
    expect(interrupted.code).toBe(1);
    expect(interrupted.stdout).toMatch(/the run was interrupted \(SIGINT\): these are the results so far, not a verdict/);
    // A summary that claims no failure does not hide the failed result.
    const lying = await render({ ...document, summary: { ...document.summary, failed: 0 }, results: [...document.results, { vendor: 'redox', step: 'verify', name: 'x', status: 'failed', durationMs: 1 }] });
    expect(lying.code).toBe(1);
    expect(lying.html()).toContain('Not conforming');
    const vendor = '</style><script>alert(1)</script>';
    const hostileVendor = await render({ ...document, results: [...document.results, { vendor, step: 'verify', name: '<b>n</b>', status: 'passed', durationMs: 1 }] });
    expect(hostileVendor.code).toBe(0);
    expect(hostileVendor.html()).not.toMatch(/<script|<\/style><|<b>n/);
    const hostileStatus = await render({ ...document, results: [...document.results, { vendor: 'redox', step: 'verify', name: 'n', status: '"><script>alert(1)</script>', durationMs: 1 }] });
    expect(hostileStatus.code).toBe(2);
    expect(hostileStatus.stderr).toMatch(/is not a results document: result \d+ has status "\\"><script>alert\(1\)<\/script>" \(one of passed, warning, failed, skipped\)/);
    expect(hostileStatus.stderr.trim().split('\n')).toHaveLength(1);
  });
});
