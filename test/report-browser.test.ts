/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../src/report/html.js';
import { VENDORS } from './helpers/vendors.js';
import type { CheckResult } from '../src/report/types.js';
import { resultsDocument } from '../src/report/write.js';
import { launchChromium } from './helpers/browser.js';
import { ROOT } from './helpers/cli.js';

const vendors = ['streamkap', 'stitch', 'prequel', 'ampersand', 'redox'] as const;
const steps = ['fixtures', 'properties', 'contracts', 'verify', 'check-client'] as const;

function sampleResults(): CheckResult[] {
  const results: CheckResult[] = vendors.flatMap((vendor) => steps.map((step) => ({ vendor, step, name: `${step} check`, status: 'passed' as const, durationMs: 12 })));
  results.push({
    vendor: 'stitch',
    step: 'verify',
    name: 'probe: a documented update answers with a body valid against the full response schema',
    status: 'failed',
    durationMs: 40,
    message: '/id: must be integer, got string <script>alert(1)</script>',
    expected: { id: 86741, type: 'postgres' },
    actual: { id: '86741', type: 'postgres' },
    reproduce: "npx destconf verify --vendor stitch --only 'a documented update answers'",
    curl: "curl -X PUT http://127.0.0.1:4010/stitch/v3/destinations/86741 -H 'authorization: Bearer ***' --data '{}'",
  });
  // Two checks failing for one cause: one group.
  for (const status of [500, 502]) {
    results.push({ vendor: 'prequel', step: 'check-client', name: `rejects on HTTP ${status} with status and body`, status: 'failed', durationMs: 3, message: 'errors swallowed: the client resolved instead of rejecting' });
  }
  results.push({ vendor: 'ampersand', step: 'check-client', name: 'generated requests', status: 'warning', durationMs: 3, message: 'undocumented body field sent (beyond the docs): added /clientVersion' });
  results.push({ vendor: 'redox', step: 'verify', name: 'probe: drift', status: 'passed', durationMs: 5, drift: [{ path: '/payload/extra', message: '/payload/extra: is not a documented field (drift)' }] });
  return results;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'destconf-report-'));
  const file = join(dir, 'index.html');
  writeFileSync(file, renderHtml(resultsDocument('conformance', new Date(Date.now() - 1500), sampleResults(), undefined, { version: '0.1.0', commit: '0123456789abcdef', node: '20.20.2', seed: 0, baseUrl: 'http://127.0.0.1:4010' }), VENDORS));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  expect(requests.filter((url) => !url.startsWith('file:')), 'the page loads nothing from the network').toEqual([]);
});
afterAll(async () => {
  await browser?.close();
});

describe('reports/index.html in Chromium', () => {
  it('shows a matrix with one row per vendor', async () => {
    expect(await page.locator('[data-testid=matrix] tbody tr').count()).toBe(5);
    expect(await page.locator('[data-testid=matrix] tbody tr[data-vendor]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-vendor')))).toEqual([...vendors]);
  });

  it('shows failing checks as failed, in red, a warning apart, and the rest as passed', async () => {
    const failing = page.locator('tr[data-vendor=stitch] td[data-step=verify]');
    expect(await failing.getAttribute('data-status')).toBe('failed');
    expect(await failing.innerText()).toContain('1 failed');
    expect(await failing.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 235, 233)');
    expect(await page.locator('td[data-status=failed]').count()).toBe(2);
    expect(await page.locator('td[data-status=warning]').count()).toBe(1);
    expect(await page.locator('td[data-status=passed]').count()).toBe(22);
    expect(await page.locator('[data-testid=summary]').innerText()).toContain('Not conforming: 26 passed, 1 warnings, 3 failed');
  });

  it('opens failures with their expected-vs-actual diff (no click), with text escaped; the matrix links to them', async () => {
    await page.locator('tr[data-vendor=stitch] td[data-step=verify] a').click();
    const failure = page.locator('details.failure[data-vendor=stitch]');
    expect(await failure.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    const diff = failure.locator('pre.diff');
    expect(await diff.isVisible()).toBe(true);
    expect(await diff.locator('.del').allInnerTexts()).toContain('-   "id": 86741,');
    expect(await diff.locator('.add').allInnerTexts()).toContain('+   "id": "86741",');
    expect(await failure.locator('.message').innerText()).toContain('<script>alert(1)</script>');
    expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
  });

  it('shows each failure\'s cause without a click, with the command that reruns it and the request', async () => {
    const failure = page.locator('details.failure[data-vendor=stitch]');
    expect(await failure.locator('summary .cause').isVisible()).toBe(true);
    expect(await failure.locator('summary .cause').innerText()).toContain('/id: must be integer, got string');
    expect(await failure.locator('pre.reproduce').innerText()).toBe("npx destconf verify --vendor stitch --only 'a documented update answers'");
    expect(await failure.locator('pre.curl').innerText()).toContain("Bearer ***");
    expect(await failure.locator('.doc a').getAttribute('href')).toBe('https://api.stitchdata.com/v3/destinations/');
  });

  it('groups failures that share a cause, and keeps warnings apart', async () => {
    const group = page.locator('details.failure[data-vendor=prequel]');
    expect(await group.count()).toBe(1);
    expect(await group.getAttribute('data-count')).toBe('2');
    expect(await group.locator('.where').innerText()).toContain('2 checks share this cause');
    expect(await page.locator('[data-testid=warnings]').innerText()).toContain('added /clientVersion');
  });

  it('says what the run was: version, commit, Node, seed, base URL', async () => {
    expect(await page.locator('[data-testid=context]').innerText()).toBe('destconf 0.1.0 · commit 0123456789ab · Node 20.20.2 · seed 0 · base URL http://127.0.0.1:4010');
  });

  it('filters the checks by status and vendor without a script', async () => {
    const visible = () => page.locator('[data-testid=all-checks] li.check:visible').count();
    const all = await visible();
    await page.locator('label[for=status-failed]').click();
    expect(await visible()).toBe(3);
    await page.locator('label[for=vendor-prequel]').click();
    expect(await visible()).toBe(2);
    await page.locator('label[for=status-all]').click();
    await page.locator('label[for=vendor-all]').click();
    expect(await visible()).toBe(all);
    expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
  });

  it('lists drift and saves a screenshot under reports/', async () => {
    expect(await page.locator('[data-testid=drift]').innerText()).toContain('/payload/extra');
    mkdirSync(join(ROOT, 'reports'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'reports/report-screenshot.png'), fullPage: true });
  });
});
