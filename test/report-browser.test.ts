/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../src/report/html.js';
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
  });
  results.push({ vendor: 'redox', step: 'verify', name: 'probe: drift', status: 'passed', durationMs: 5, drift: [{ path: '/payload/extra', message: '/payload/extra: is not a documented field (drift)' }] });
  return results;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'destconf-report-'));
  const file = join(dir, 'index.html');
  writeFileSync(file, renderHtml(resultsDocument('conformance', new Date(Date.now() - 1500), sampleResults())));
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

  it('shows a failing check as failed, in red, and the rest as passed', async () => {
    const failing = page.locator('tr[data-vendor=stitch] td[data-step=verify]');
    expect(await failing.getAttribute('data-status')).toBe('failed');
    expect(await failing.innerText()).toContain('1 failed');
    expect(await failing.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 235, 233)');
    expect(await page.locator('td[data-status=failed]').count()).toBe(1);
    expect(await page.locator('td[data-status=passed]').count()).toBe(24);
    expect(await page.locator('[data-testid=summary]').innerText()).toContain('Not conforming: 26 passed, 0 warnings, 1 failed');
  });

  it('expands a failure to its expected-vs-actual diff, with text escaped', async () => {
    await page.locator('tr[data-vendor=stitch] td[data-step=verify] a').click();
    const failure = page.locator('details.failure[data-vendor=stitch]');
    await failure.locator('summary').click();
    expect(await failure.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    const diff = failure.locator('pre.diff');
    expect(await diff.isVisible()).toBe(true);
    expect(await diff.locator('.del').allInnerTexts()).toContain('-   "id": 86741,');
    expect(await diff.locator('.add').allInnerTexts()).toContain('+   "id": "86741",');
    expect(await failure.locator('.message').innerText()).toContain('<script>alert(1)</script>');
    expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
  });

  it('lists drift and saves a screenshot under reports/', async () => {
    expect(await page.locator('[data-testid=drift]').innerText()).toContain('/payload/extra');
    mkdirSync(join(ROOT, 'reports'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'reports/report-screenshot.png'), fullPage: true });
  });
});
