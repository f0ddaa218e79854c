/**
 * The sandbox under load: N concurrent clients × M updates each, on loopback. Each client updates
 * its own destination (its last write must be what is stored: no lost update) and all of them
 * update one shared destination (last write wins: what is stored must be one of the writes, and
 * each answer must show the write it answers). Memory is sampled throughout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { expandPath } from '../src/builders/index.js';
import { DESTINATION_EXISTS } from '../src/contracts/states.js';
import { pointerGet } from '../src/schemas/walk.js';
import { BUILT_IN_CATALOGUE, startSandbox, vendorModule } from '../src/index.js';

export interface LoadResult {
  figures: { name: string; value: number; unit: string; baseline?: { name: string; value: number; unit: string }; ratio: number; target: string; met: boolean }[];
  details: Record<string, unknown>;
}

/** The workload's vendor: the first that renames a destination with a PATCH of `{ name }` alone. */
const vendor = BUILT_IN_CATALOGUE.definitions.find((v) => v.method === 'PATCH' && v.pathParameters.length === 1 && !(v.schemas.request.required as unknown[] | undefined)?.length && Object.hasOwn((v.schemas.request.properties as object | undefined) ?? {}, 'name'))!;
const credential = vendorModule(vendor.id).sandbox.credential;
const headers = { [vendor.auth.header]: vendor.auth.kind === 'bearer' ? `Bearer ${credential}` : credential, 'content-type': 'application/json' };
const pathOf = (id: string) => `/${vendor.id}${expandPath(vendor, { [vendor.pathParameters[0]!.name]: id })}`;
const nameIn = (destination: unknown) => (destination as { name?: string } | undefined)?.name;
const SHARED = '11111111-1111-4111-8111-111111111111';
const clientId = (c: number) => `22222222-2222-4222-8222-${String(c).padStart(12, '0')}`;

export async function runLoad(options: { clients: number; updatesEach: number }): Promise<LoadResult> {
  const sandbox = await startSandbox();
  const pool = new Pool(sandbox.url, { connections: options.clients });
  const setup = async (id: string) =>
    fetch(`${sandbox.url}/_destconf/provider-states`, { method: 'POST', body: JSON.stringify({ vendor: vendor.id, state: DESTINATION_EXISTS, params: { [vendor.pathParameters[0]!.inputKey]: id } }) });
  await setup(SHARED);
  for (let c = 0; c < options.clients; c++) await setup(clientId(c));

  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  let serverErrors = 0;
  let mismatchedAnswers = 0;
  const latencies: number[] = [];
  const written = new Set<string>();
  const patch = async (id: string, name: string) => {
    const started = performance.now();
    const response = await pool.request({ path: pathOf(id), method: 'PATCH', headers, body: JSON.stringify({ name }) });
    const body = await response.body.json();
    latencies.push(performance.now() - started);
    if (response.statusCode >= 500) serverErrors++;
    if (nameIn(pointerGet(body, vendor.destinationPointer)) !== name) mismatchedAnswers++;
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.clients }, async (_, c) => {
      for (let i = 0; i < options.updatesEach; i++) {
        const shared = `client-${c}-update-${i}`;
        written.add(shared);
        await patch(i % 2 === 0 ? clientId(c) : SHARED, i % 2 === 0 ? `own-${c}-${i}` : shared);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  clearInterval(sampler);

  const state = (id: string) => nameIn(sandbox.store.get(vendor.id, id));
  let lostUpdates = 0;
  for (let c = 0; c < options.clients; c++) {
    const lastOwn = options.updatesEach - (options.updatesEach % 2 === 0 ? 2 : 1);
    if (state(clientId(c)) !== `own-${c}-${lastOwn}`) lostUpdates++;
  }
  const sharedIsAWrite = written.has(state(SHARED) ?? '');
  await pool.close();
  await sandbox.close();

  const total = options.clients * options.updatesEach;
  const rps = total / (elapsedMs / 1000);
  const baselineRps = await echoBaseline(options.clients, total);
  const sorted = [...latencies].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const growthMb = (rssPeak - rssBefore) / 1024 / 1024;
  return {
    figures: [
      { name: `sandbox load: ${options.clients} clients × ${options.updatesEach} updates`, value: rps, unit: 'updates/s', baseline: { name: 'bare node:http JSON echo', value: baselineRps, unit: 'requests/s' }, ratio: rps / baselineRps, target: '>= 0.5', met: rps / baselineRps >= 0.5 },
      { name: 'sandbox load: 5xx answers', value: serverErrors, unit: 'answers', ratio: serverErrors, target: '= 0', met: serverErrors === 0 },
      { name: 'sandbox load: lost updates (own destination)', value: lostUpdates, unit: 'clients', ratio: lostUpdates, target: '= 0', met: lostUpdates === 0 && sharedIsAWrite && mismatchedAnswers === 0 },
      { name: 'sandbox load: peak RSS growth', value: growthMb, unit: 'MiB', ratio: growthMb / 256, target: '< 1 (256 MiB)', met: growthMb < 256 },
    ],
    details: { total, elapsedMs: Math.round(elapsedMs), p50Ms: p(0.5), p99Ms: p(0.99), serverErrors, lostUpdates, sharedIsAWrite, mismatchedAnswers, rssBeforeMb: rssBefore / 1048576, rssPeakMb: rssPeak / 1048576 },
  };
}

/** The same number of requests to a bare node:http server that parses and echoes JSON. */
async function echoBaseline(clients: number, total: number): Promise<number> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const text = JSON.stringify({ payload: { destination: JSON.parse(body) as unknown } });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: clients });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < total / clients; i++) {
        const response = await pool.request({ path: '/', method: 'PATCH', headers, body: JSON.stringify({ name: `n${i}` }) });
        await response.body.json();
      }
    }),
  );
  const rps = total / ((performance.now() - started) / 1000);
  await pool.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return rps;
}
