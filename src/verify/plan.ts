/**
 * `verify --plan`: every request a run would send, and nothing sent. The run is played against a
 * private sandbox on loopback, seeded with the configured destination ids, behind a recorder; the
 * requests are then shown against the configured base URL, secrets masked. Live rules hold in the
 * plan as in the run (probes that would write a secret are left out without --allow-secret-writes).
 */
import { createServer, request as httpRequest } from 'node:http';
import { listenOnLoopback, onRequest } from '../client-check/recorder.js';
import { startSandbox } from '../sandbox/server.js';
import { Redactor } from '../util/redact.js';
import { isRecord, leafPointers, pointerSegments, secretPointers } from '../schemas/walk.js';
import { deepEqual, withPath } from '../semantics/json.js';
import { validate } from '../validate/index.js';
import type { Catalogue } from '../vendors/catalogue.js';
import type { VendorId } from '../vendors/types.js';
import type { VerifyOptions, VerifyReport } from './index.js';
import { envNames, isSkipped, liveTarget, type SkippedTarget, type VerifyTarget } from './targets.js';

export interface PlannedRequest {
  readonly vendor: VendorId;
  readonly method: string;
  readonly url: string;
  /** The JSON body with every secret field masked. */
  readonly body: unknown;
  /** What the request sets if the provider accepts it (JSON pointers, '' for the whole body; secret fields included, masked in `body`); empty for a read. */
  readonly changes: readonly string[];
  /** How the run puts back what the request may change, or why nothing needs putting back. */
  readonly undo: string;
}

export interface VerifyPlan {
  readonly requests: readonly PlannedRequest[];
  readonly skipped: VerifyReport['skipped'];
}

export async function planVerify(options: VerifyOptions, run: (options: VerifyOptions) => Promise<VerifyReport>): Promise<VerifyPlan> {
  const env = options.env ?? process.env;
  const { catalogue } = options;
  const sandbox = await startSandbox({ vendors: catalogue.modules });
  const requests: PlannedRequest[] = [];
  const liveBase = (vendor: VendorId) =>
    options.baseUrl ? (options.perVendorPrefix ? `${options.baseUrl.replace(/\/+$/, '')}/${vendor}` : options.baseUrl.replace(/\/+$/, '')) : `${sandbox.url}/${vendor}`;
  // The live targets, resolved once (a restore file is read and validated here, not per use).
  const targets = new Map(options.vendors.map((vendor) => [vendor, options.baseUrl ? liveTarget(catalogue.module(vendor), liveBase(vendor), env, { allowOverwrite: options.allowOverwrite ?? false }) : undefined]));
  const configured = (vendor: VendorId): VerifyTarget | undefined => {
    const target = targets.get(vendor);
    return target && !isSkipped(target) ? target : undefined;
  };
  // What the user handed in (the restore bodies' secrets) is masked wherever a probe moved it, not only in its own field.
  const redactor = new Redactor();
  for (const vendor of options.vendors) {
    const target = configured(vendor);
    if (target) redactor.add(target.credential, ...(target.secrets ?? []));
  }
  // How each vendor's writes are undone: decided by the same configuration the run's guard reads.
  const undo = new Map(options.vendors.map((vendor) => [vendor, undoOf(targets.get(vendor), options.allowOverwrite ?? false)]));
  const recorder = createServer((req, res) =>
    onRequest(req, (recorded) => {
      const [, vendor = '', ...rest] = recorded.url.split('/');
      if (catalogue.has(vendor)) {
        const body = redactor.value(masked(catalogue, vendor, recorded.body));
        requests.push({ vendor, method: recorded.method, url: `${liveBase(vendor)}/${rest.join('/')}`, body, ...consequences(catalogue, vendor, recorded.method, body, undo.get(vendor) ?? '') });
      }
      const upstream = httpRequest(`${sandbox.url}${recorded.url}`, { method: recorded.method, headers: { ...recorded.headers, host: new URL(sandbox.url).host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.end(recorded.body);
    }),
  );
  const recorderUrl = await listenOnLoopback(recorder);
  try {
    // The sandbox holds the configured destinations and takes its own credentials.
    const planEnv: NodeJS.ProcessEnv = { ...env };
    for (const vendor of options.vendors) {
      const target = configured(vendor);
      if (target) {
        planEnv[envNames(target.module.definition).credential] = target.module.sandbox.credential;
        seed(sandbox.store, catalogue, vendor, target.ids);
      }
    }
    // Without --base-url the plan is the bundled sandbox's own run, where every probe runs.
    const played = options.baseUrl
      ? { ...options, baseUrl: recorderUrl, perVendorPrefix: true, env: planEnv }
      : { ...options, baseUrl: recorderUrl, perVendorPrefix: true, env: sandboxEnv(catalogue, options.vendors), allowOverwrite: true, allowSecretWrites: true };
    const report = await run(played);
    return { requests: options.baseUrl ? withRestoresNamed(requests, report.skipped) : requests, skipped: report.skipped };
  } finally {
    recorder.closeAllConnections();
    await new Promise<void>((resolve) => recorder.close(() => resolve()));
    await sandbox.close();
  }
}

/** How the run undoes a vendor's writes: the same configuration the run's guard reads (src/verify/restore.ts). */
function undoOf(target: VerifyTarget | SkippedTarget | undefined, allowOverwrite: boolean): string {
  if (target === undefined) return 'nothing to undo: the bundled sandbox';
  if (isSkipped(target)) return target.skipped;
  const { definition } = target.module;
  const file = envNames(definition).restoreFile;
  if (definition.method === 'PUT') return target.restoreBody !== undefined ? `the run ends with a PUT of ${file}, which replaces the whole destination` : 'not undone: --allow-overwrite without a restore file (a throwaway destination)';
  const readBack = target.restoreBody === undefined ? 'an update putting back every field read before the run (read with an update that changes nothing); a field it cannot put back is not sent' : `an update with ${file}; a field it does not hold is not sent`;
  return `the run ends with ${readBack}${allowOverwrite ? ' (--allow-overwrite: fields the destination did not have stay)' : ''}`;
}

function seed(store: Awaited<ReturnType<typeof startSandbox>>['store'], catalogue: Catalogue, vendor: VendorId, ids: Readonly<Record<string, string>>): void {
  const { sandbox: behaviour, definition } = catalogue.module(vendor);
  const pathParams = Object.fromEntries(definition.pathParameters.map((p) => [p.name, ids[p.inputKey]!]));
  const key = behaviour.keyOf(pathParams);
  if (key !== undefined) store.set(vendor, key, behaviour.stateFor(pathParams));
}

/** Without --base-url the plan is the bundled sandbox's run: its seeded destinations, as verify uses them. */
function sandboxEnv(catalogue: Catalogue, vendors: readonly VendorId[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const vendor of vendors) {
    const { definition, sandbox } = catalogue.module(vendor);
    const names = envNames(definition);
    env[names.credential] = sandbox.credential;
    const seeded = sandbox.seed()[0]!.params;
    for (const p of definition.pathParameters) env[names.ids[p.inputKey]!] = seeded[p.name];
  }
  return env;
}

/** A live run ends, per destination, with its restore (then, for PATCH vendors, a read of what it left): said as such. */
function withRestoresNamed(requests: readonly PlannedRequest[], skipped: VerifyReport['skipped']): PlannedRequest[] {
  const named = [...requests];
  for (const vendor of new Set(requests.map((r) => r.vendor))) {
    if (skipped.some((s) => s.vendor === vendor)) continue;
    const writes = named.flatMap((r, i) => (r.vendor === vendor && r.changes.length > 0 ? [i] : []));
    const last = writes.at(-1);
    if (last !== undefined) named[last] = { ...named[last]!, undo: 'the restore: puts back what the run changed (sent last, also after Ctrl-C)' };
  }
  return named;
}

/** What a planned request may change, and how that is undone. */
function consequences(catalogue: Catalogue, vendor: VendorId, method: string, body: unknown, undo: string): Pick<PlannedRequest, 'changes' | 'undo'> {
  const { definition, semantics } = catalogue.module(vendor);
  if (method === 'GET' || method === 'HEAD') return { changes: [], undo: 'changes nothing (a read)' };
  if (semantics.readBack && deepEqual(body, semantics.readBack.emptyUpdate)) return { changes: [], undo: "changes nothing: reads the destination's state" };
  // A body that is not an object would replace the whole document: the pointer '' (RFC 6901).
  const changes = isRecord(body) ? leafPointers(body) : [''];
  // A body the page's rules refuse changes nothing on a conforming provider; a lenient one may store it.
  const refused = !isRecord(body) || !validate(definition, 'request', body).valid;
  return { changes, undo: refused ? `a conforming provider refuses it (an invalid body); if stored: ${undo}` : undo };
}

function masked(catalogue: Catalogue, vendor: VendorId, text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  const definition = catalogue.definition(vendor);
  for (const pointer of secretPointers(definition.schemas.request, body, definition.isSecretOpenKey)) {
    body = withPath(body as Record<string, unknown>, pointerSegments(pointer), '***');
  }
  return body;
}
