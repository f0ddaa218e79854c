/**
 * reports/index.html: one self-contained page (inline CSS, no script, no network). A vendor × step
 * matrix coloured by status, every failure expandable to its expected-vs-actual diff, the drift
 * list and the timings.
 */
import { diffLines } from 'diff';
import type { ResultsDocument } from './write.js';
import type { CheckResult, CheckStatus, Step } from './types.js';

const STEP_ORDER: readonly Step[] = ['fixtures', 'properties', 'contracts', 'verify', 'check-client'];
const VENDOR_ORDER = ['streamkap', 'stitch', 'prequel', 'ampersand', 'redox'];

export function renderHtml(document: ResultsDocument): string {
  const results = document.results;
  const vendors = [...new Set([...VENDOR_ORDER.filter((v) => results.some((r) => r.vendor === v)), ...results.map((r) => r.vendor)])];
  const steps = STEP_ORDER.filter((s) => results.some((r) => r.step === s));
  const failures = results.filter((r) => r.status === 'failed');
  const warnings = results.filter((r) => r.status === 'warning');
  const { passed, failed, skipped } = document.summary;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>destconf ${escape(document.command)}: ${failed === 0 ? 'conforming' : `${failed} failed`}</title>
<style>${CSS}</style>
</head>
<body>
<header>
  <h1>destination-contracts — ${escape(document.command)}</h1>
  <p class="summary ${failed === 0 && !document.interrupted ? 'passed' : 'failed'}" data-testid="summary">${document.interrupted ? `Interrupted (${escape(document.interrupted)}), results so far — ` : ''}${failed === 0 ? 'Conforming' : 'Not conforming'}: ${passed} passed, ${warnings.length} warnings, ${failed} failed, ${skipped} skipped · ${formatMs(document.durationMs)} · started ${escape(document.startedAt)}</p>
</header>
<main>
<section>
  <h2>Vendors × checks</h2>
  <table class="matrix" data-testid="matrix">
    <thead><tr><th scope="col">vendor</th>${steps.map((s) => `<th scope="col">${escape(s)}</th>`).join('')}</tr></thead>
    <tbody>
${vendors.map((vendor) => `      <tr data-vendor="${escape(vendor)}"><th scope="row">${escape(vendor)}</th>${steps.map((step) => cell(vendor, step, results)).join('')}</tr>`).join('\n')}
    </tbody>
  </table>
</section>
<section>
  <h2>Failures (${failures.length})</h2>
  ${failures.length === 0 ? '<p class="none">None.</p>' : failureList(failures)}
</section>
<section>
  <h2>Warnings: beyond the docs (${warnings.length})</h2>
  ${warnings.length === 0 ? '<p class="none">None.</p>' : `<ul class="warnings" data-testid="warnings">${warnings.map((w) => `<li><span class="badge">warning</span> ${escape(w.vendor)} · ${escape(w.step)} · ${escape(w.name)}: ${escape(w.message ?? '')}</li>`).join('')}</ul>`}
</section>
<section>
  <h2>Drift (${document.drift.length})</h2>
  ${document.drift.length === 0 ? '<p class="none">No undocumented response field was seen.</p>' : `<table class="drift" data-testid="drift"><thead><tr><th>vendor</th><th>field</th><th>message</th></tr></thead><tbody>${document.drift.map((d) => `<tr><td>${escape(d.vendor)}</td><td><code>${escape(d.path)}</code></td><td>${escape(d.message)}</td></tr>`).join('')}</tbody></table>`}
</section>
<section>
  <h2>Timings</h2>
  <table class="timings"><thead><tr><th>vendor</th>${steps.map((s) => `<th>${escape(s)}</th>`).join('')}</tr></thead><tbody>
${vendors.map((vendor) => `<tr><th>${escape(vendor)}</th>${steps.map((step) => `<td>${formatMs(sum(results.filter((r) => r.vendor === vendor && r.step === step).map((r) => r.durationMs)))}</td>`).join('')}</tr>`).join('\n')}
  </tbody></table>
</section>
<section>
  <h2>All checks</h2>
  ${vendors.map((vendor) => `<details class="checks"><summary>${escape(vendor)} (${results.filter((r) => r.vendor === vendor).length})</summary><ul>${results.filter((r) => r.vendor === vendor).map((r) => `<li class="${r.status}"><span class="badge">${r.status}</span> ${escape(r.step)} · ${escape(r.name)}</li>`).join('')}</ul></details>`).join('\n')}
</section>
</main>
</body>
</html>
`;
}

function cell(vendor: string, step: Step, results: readonly CheckResult[]): string {
  const checks = results.filter((r) => r.vendor === vendor && r.step === step);
  if (checks.length === 0) return '<td class="none" data-status="none">—</td>';
  const failed = checks.filter((c) => c.status === 'failed').length;
  const warned = checks.filter((c) => c.status === 'warning').length;
  const passed = checks.filter((c) => c.status === 'passed').length + warned;
  const status: CheckStatus = failed > 0 ? 'failed' : warned > 0 ? 'warning' : passed > 0 ? 'passed' : 'skipped';
  const text = failed > 0 ? `${failed} failed / ${checks.length}` : status === 'skipped' ? 'skipped' : `${passed} passed${warned ? ` (${warned} with warnings)` : ''}`;
  const link = failed > 0 ? `<a href="#failure-${anchor(vendor, step)}">${text}</a>` : text;
  return `<td class="${status}" data-status="${status}" data-step="${escape(step)}" title="${escape(`${vendor} · ${step}: ${text}`)}">${link}</td>`;
}

/** Each failure, the first of each vendor and step carrying the anchor the matrix links to. */
function failureList(failures: readonly CheckResult[]): string {
  const anchored = new Set<string>();
  return failures
    .map((failure, index) => {
      const id = anchor(failure.vendor, failure.step);
      const first = !anchored.has(id);
      anchored.add(id);
      return failureDetails(failure, first ? `failure-${id}` : `failure-${id}-${index}`);
    })
    .join('\n');
}

function failureDetails(failure: CheckResult, id: string): string {
  const diff = failure.expected !== undefined || failure.actual !== undefined ? renderDiff(failure.expected, failure.actual) : '';
  return `<details class="failure" id="${id}" data-vendor="${escape(failure.vendor)}" data-step="${escape(failure.step)}">
  <summary><span class="badge failed">failed</span> ${escape(failure.vendor)} · ${escape(failure.step)} · ${escape(failure.name)}</summary>
  ${failure.message ? `<p class="message">${escape(failure.message)}</p>` : ''}
  ${diff}
</details>`;
}

function renderDiff(expected: unknown, actual: unknown): string {
  const parts = diffLines(pretty(expected), pretty(actual));
  const lines = parts.flatMap((part) =>
    part.value
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => `<span class="${part.added ? 'add' : part.removed ? 'del' : 'same'}">${part.added ? '+ ' : part.removed ? '- ' : '  '}${escape(line)}</span>`),
  );
  return `<div class="diff-legend"><span class="del">- expected</span> <span class="add">+ actual</span></div><pre class="diff">${lines.join('\n')}</pre>`;
}

function pretty(value: unknown): string {
  return value === undefined ? '(nothing)' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const anchor = (vendor: string, step: string) => `${vendor}-${step}`.replace(/[^a-z0-9-]/gi, '-');
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const formatMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

const CSS = `
:root { --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --skip: #9a6700; --skip-bg: #fff8c5; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #fff; }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
main { padding: 0 24px 32px; }
.summary { margin: 0; font-weight: 600; }
.summary.passed { color: var(--pass); } .summary.failed { color: var(--fail); }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; }
.matrix td { text-align: center; min-width: 110px; font-weight: 600; }
td.passed { background: var(--pass-bg); color: var(--pass); }
td.failed { background: var(--fail-bg); color: var(--fail); }
td.skipped { background: var(--skip-bg); color: var(--skip); }
td.warning { background: #fff6d6; color: #7a5a00; }
td.none { color: #8c959f; }
td a { color: inherit; }
details.failure { border: 1px solid var(--fail); border-radius: 6px; margin: 8px 0; padding: 6px 10px; }
details.failure summary { cursor: pointer; }
.badge { display: inline-block; font-size: 11px; text-transform: uppercase; padding: 0 6px; border-radius: 10px; background: #eaeef2; }
.badge.failed, li.failed .badge { background: var(--fail-bg); color: var(--fail); }
li.passed .badge { background: var(--pass-bg); color: var(--pass); }
li.skipped .badge { background: var(--skip-bg); color: var(--skip); }
li.warning .badge, ul.warnings .badge { background: #fff6d6; color: #7a5a00; }
.message { white-space: pre-wrap; }
pre.diff { background: #f6f8fa; padding: 8px; overflow-x: auto; max-height: 480px; }
.add { color: var(--pass); } .del { color: var(--fail); } .same { color: #57606a; }
.none { color: #57606a; }
ul { list-style: none; padding-left: 8px; }
`;
