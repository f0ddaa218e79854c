/**
 * reports/index.html: one self-contained page (inline CSS, no script, no network). The run's
 * context (tool version, commit, Node, seed, base URL), a vendor × step matrix coloured by status,
 * failures open with their cause first (checks sharing one cause grouped), each with the command
 * that reruns it, the request as curl (provider findings) and the vendor page it comes from; the
 * warnings apart; drift; timings; every check, filterable by vendor and status without a script.
 */
import { diffLines } from 'diff';
import type { ResultsDocument } from './write.js';
import { evidenceLine, type CheckResult, type CheckStatus, type Step } from './types.js';
import type { VendorDefinition } from '../vendors/types.js';

const STEP_ORDER: readonly Step[] = ['fixtures', 'properties', 'contracts', 'verify', 'check-client'];

/** `known`: the run's vendors, in report order; findings link to their pages. */
export function renderHtml(document: ResultsDocument, known: readonly VendorDefinition[]): string {
  const results = document.results;
  const vendors = [...new Set([...known.map((v) => v.id).filter((v) => results.some((r) => r.vendor === v)), ...results.map((r) => r.vendor)])];
  const docLink = docLinker(known);
  const steps = STEP_ORDER.filter((s) => results.some((r) => r.step === s));
  const failures = results.filter((r) => r.status === 'failed');
  const warnings = results.filter((r) => r.status === 'warning');
  // Counted here, not taken from document.summary: `destconf report` renders hand-edited documents too.
  const count = (status: CheckStatus) => results.filter((r) => r.status === status).length;
  const [passed, failed, skipped] = [count('passed'), failures.length, count('skipped')];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>destconf ${escape(document.command)}: ${failed === 0 ? 'conforming' : `${failed} failed`}</title>
<style>${CSS}</style>
</head>
<body>
${filterInputs(vendors)}
<header>
  <h1>destination-contracts — ${escape(document.command)}</h1>
  ${contextLine(document)}
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
  ${failures.length === 0 ? '<p class="none">None.</p>' : failureList(failures, docLink)}
</section>
<section>
  <h2>Warnings: beyond the docs (${warnings.length})</h2>
  ${warnings.length === 0 ? '<p class="none">None.</p>' : `<ul class="warnings" data-testid="warnings">${warnings.map((w) => `<li class="check" data-vendor="${escape(w.vendor)}" data-status="warning"><span class="badge">warning</span> ${escape(w.vendor)} · ${escape(w.step)} · ${escape(w.name)}: ${escape(w.message ?? '')}${evidenceLine(w) ? ` <span class="evidence">(${escape(evidenceLine(w)!)})</span>` : ''} ${docLink(w.vendor)}</li>`).join('')}</ul>`}
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
  ${filterLabels(vendors)}
  <ul class="all-checks" data-testid="all-checks">${results.map((r) => `<li class="check ${escape(r.status)}" data-vendor="${escape(r.vendor)}" data-status="${escape(r.status)}"><span class="badge">${escape(r.status)}</span> ${escape(r.vendor)} · ${escape(r.step)} · ${escape(r.name)}</li>`).join('')}</ul>
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

/**
 * Failures grouped by cause (the same message in several checks is one group), each open, the
 * cause first. The first failure of each vendor and step carries the anchor the matrix links to.
 */
function failureList(failures: readonly CheckResult[], docLink: DocLink): string {
  const groups = new Map<string, CheckResult[]>();
  for (const failure of failures) {
    const key = `${failure.vendor}\u0000${failure.message ?? failure.name}`;
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  const anchored = new Set<string>();
  return [...groups.values()]
    .map((group, index) => {
      const ids = group.map((f) => anchor(f.vendor, f.step)).filter((id) => !anchored.has(id));
      for (const id of ids) anchored.add(id);
      return failureDetails(group, ids[0] ? `failure-${ids[0]}` : `failure-group-${index}`, ids.slice(1), docLink);
    })
    .join('\n');
}

function failureDetails(group: readonly CheckResult[], id: string, moreAnchors: readonly string[], docLink: DocLink): string {
  const first = group[0]!;
  const diff = first.expected !== undefined || first.actual !== undefined ? renderDiff(first.expected, first.actual) : '';
  const names = group.length === 1 ? `${escape(first.vendor)} · ${escape(first.step)} · ${escape(first.name)}` : `${escape(first.vendor)} · ${group.length} checks share this cause: ${group.map((f) => escape(f.name)).join('; ')}`;
  return `<details class="failure check" id="${id}" open data-vendor="${escape(first.vendor)}" data-step="${escape(first.step)}" data-status="failed" data-count="${group.length}">
  <summary><span class="badge failed">failed</span> <span class="cause">${escape(first.message ?? first.name)}</span></summary>
  ${moreAnchors.map((a) => `<span id="failure-${a}"></span>`).join('')}
  <p class="where">${names} ${docLink(first.vendor)}</p>
  ${first.message ? `<p class="message">${escape(first.message)}</p>` : ''}
  ${evidenceLine(first) ? `<p class="evidence">${escape(evidenceLine(first)!)}</p>` : ''}
  ${first.reproduce ? `<p class="label">Rerun just this check:</p><pre class="reproduce">${escape(first.reproduce)}</pre>` : ''}
  ${first.curl ? `<p class="label">The request (credential masked):</p><pre class="curl">${escape(first.curl)}</pre>` : ''}
  ${diff}
</details>`;
}

type DocLink = (vendor: string) => string;

/** The vendor page the rules come from (the seed page and the vendor's documented URL); nothing for a vendor the run does not know. */
function docLinker(known: readonly VendorDefinition[]): DocLink {
  return (vendor) => {
    const definition = known.find((v) => v.id === vendor);
    return definition ? docLinkOf(definition) : '';
  };
}

function docLinkOf(definition: VendorDefinition): string {
  return `<span class="doc">from <a href="${escape(definition.docUrl.replace(/\{[^}]+\}/g, ''))}">${escape(definition.title)}: ${escape(definition.method)} ${escape(definition.pathTemplate)}</a> (seed page ${escape(definition.seedFile)})</span>`;
}

function contextLine(document: ResultsDocument): string {
  const c = document.context;
  if (!c) return '';
  const parts = [`destconf ${c.version}`, c.commit ? `commit ${c.commit.slice(0, 12)}` : undefined, `Node ${c.node}`, c.seed !== undefined ? `seed ${c.seed}` : undefined, c.baseUrl ? `base URL ${c.baseUrl}` : undefined];
  return `<p class="context" data-testid="context">${parts.filter(Boolean).map((p) => escape(p!)).join(' · ')}</p>`;
}

/** Radio inputs that filter the checks by status and vendor with CSS alone (no script, works offline). */
function filterInputs(vendors: readonly string[]): string {
  const statuses = ['all', 'failed', 'warning', 'passed', 'skipped'];
  return [
    ...statuses.map((s) => `<input type="radio" class="filter" name="status" id="status-${s}"${s === 'all' ? ' checked' : ''}>`),
    `<input type="radio" class="filter" name="vendor" id="vendor-all" checked>`,
    ...vendors.map((v) => `<input type="radio" class="filter" name="vendor" id="vendor-${escape(v)}">`),
  ].join('');
}

function filterLabels(vendors: readonly string[]): string {
  const statuses = ['all', 'failed', 'warning', 'passed', 'skipped'];
  return `<p class="filters" data-testid="filters">status: ${statuses.map((s) => `<label for="status-${s}">${s}</label>`).join(' ')} · vendor: <label for="vendor-all">all</label> ${vendors.map((v) => `<label for="vendor-${escape(v)}">${escape(v)}</label>`).join(' ')}</p>
  <style>${vendors.map((v) => `#vendor-${css(v)}:checked ~ main .check:not([data-vendor="${css(v)}"]) { display: none; } #vendor-${css(v)}:checked ~ main label[for="vendor-${css(v)}"] { font-weight: bold; }`).join('\n')}</style>`;
}

/**
 * A name inside the page's CSS (an id or a quoted string): every character outside [A-Za-z0-9_-] as a CSS
 * escape. HTML escaping does not apply inside <style>, where a vendor name holding `</style>` would end it.
 */
function css(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
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
input.filter { position: absolute; opacity: 0; pointer-events: none; }
.filters label { cursor: pointer; text-decoration: underline; margin-right: .3em; }
${['failed', 'warning', 'passed', 'skipped'].map((s) => `#status-${s}:checked ~ main .check:not([data-status="${s}"]) { display: none; } #status-${s}:checked ~ main label[for="status-${s}"] { font-weight: bold; }`).join('\n')}
.cause { font-weight: 600; }
.context { color: #555; font-size: .9em; }
.where { color: #444; }
.doc { color: #666; font-size: .9em; }
pre.reproduce, pre.curl { background: #f6f8fa; padding: .5em; white-space: pre-wrap; word-break: break-all; }
.label { margin: .4em 0 0; font-size: .9em; color: #444; }
ul.all-checks { list-style: none; padding-left: 0; }
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
