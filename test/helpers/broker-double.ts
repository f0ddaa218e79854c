/**
 * A Pact Broker test double on loopback, answering as pact_broker 2.112 does for what the suite and the
 * official pact CLI and verifier ask of it (a real broker cannot be installed here):
 * - auth: none (an Authorization header is ignored), or basic (Rack: no credentials or wrong ones 401, any
 *   other scheme, such as a bearer token, 400);
 * - a fresh broker knows the environments `production` and `test`;
 * - `POST /contracts/publish` records the version (its branch auto-detected as the main branch when it is
 *   develop, main or master) and refuses other content under an existing consumer version (409);
 * - pact versions are content hashes, shared by the consumer versions that publish the same content, and a
 *   verification applies to the content; pact URLs carry `/metadata/…`; a pact read back has `_id` per
 *   interaction, `createdAt` and `_links`;
 * - `pb:provider-pacts-for-verification` applies the consumer version selectors, marks pending pacts only
 *   when asked (`includePendingStatus`), and adds work-in-progress pacts when asked;
 * - record-deployment / record-release through the version's `pb:record-*` links;
 * - the matrix behind can-i-deploy is computed: unknown (`deployable: null`), failed (`false`), verified
 *   against what is deployed in the environment (`true`); unknown pacticipants and environments are refused
 *   by name.
 * Every request is recorded.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BrokerRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface PublishedContract {
  consumerName: string;
  providerName: string;
  specification: string;
  contentType: string;
  content: string;
}
export interface PublishBody {
  pacticipantName: string;
  pacticipantVersionNumber: string;
  branch?: string;
  tags?: string[];
  contracts: PublishedContract[];
}

export interface VerificationResult {
  success: boolean;
  providerApplicationVersion: string;
  testResults?: { interactionDescription?: string; interactionId?: string; success?: boolean }[];
}

export interface BrokerDoubleOptions {
  /** The broker runs with basic auth (PACT_BROKER_BASIC_AUTH_USERNAME / _PASSWORD). */
  readonly basicAuth?: { readonly username: string; readonly password: string };
  /** Every request to these paths (a prefix) hangs, never answered: a broker that is stuck. */
  readonly hangOn?: string;
  /** Requests to paths ending so answer this status, with no effect (a broker failing on one endpoint, e.g. `/verification-results`). */
  readonly failOn?: { readonly pathEnd: string; readonly status: number };
  /** Every request answers this status (a broker behind a failing proxy, or a redirect). */
  readonly failWith?: { readonly status: number; readonly location?: string };
}

interface Version {
  readonly number: string;
  readonly branches: Set<string>;
  readonly tags: Set<string>;
  readonly order: number;
  readonly createdAt: string;
}
interface Pacticipant {
  readonly name: string;
  mainBranch?: string;
  readonly versions: Map<string, Version>;
}
interface StoredPact {
  readonly consumer: string;
  readonly provider: string;
  readonly consumerVersion: string;
  readonly sha: string;
  readonly content: Record<string, unknown>;
  readonly createdAt: string;
}
interface Verification {
  readonly provider: string;
  readonly consumer: string;
  readonly sha: string;
  readonly result: VerificationResult;
}
interface EnvironmentRecord {
  readonly uuid: string;
  readonly name: string;
  readonly displayName: string;
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const MAIN_BRANCH_CANDIDATES = ['develop', 'main', 'master'];

export async function startBrokerDouble(options: BrokerDoubleOptions = {}) {
  const requests: BrokerRequest[] = [];
  const pacticipants = new Map<string, Pacticipant>();
  const pacts: StoredPact[] = [];
  const verifications: Verification[] = [];
  const providerVersions: { pacticipant: string; branch?: string; version: string }[] = [];
  const environments: EnvironmentRecord[] = [
    { uuid: randomUUID(), name: 'production', displayName: 'Production' },
    { uuid: randomUUID(), name: 'test', displayName: 'Test' },
  ];
  const deployments: { pacticipant: string; version: string; environment: string; currentlyDeployed: boolean }[] = [];
  const releases: { pacticipant: string; version: string; environment: string }[] = [];
  let order = 0;

  const pacticipant = (name: string): Pacticipant => {
    if (!pacticipants.has(name)) pacticipants.set(name, { name, versions: new Map() });
    return pacticipants.get(name)!;
  };
  const version = (name: string, number: string, branch?: string, tags: readonly string[] = []): Version => {
    const owner = pacticipant(name);
    if (!owner.versions.has(number)) owner.versions.set(number, { number, branches: new Set(), tags: new Set(), order: order++, createdAt: new Date().toISOString() });
    const found = owner.versions.get(number)!;
    if (branch) {
      found.branches.add(branch);
      if (!owner.mainBranch && MAIN_BRANCH_CANDIDATES.includes(branch)) owner.mainBranch = branch;
    }
    for (const tag of tags) found.tags.add(tag);
    return found;
  };
  const pactOf = (consumer: string, consumerVersion: string, provider: string) => pacts.find((p) => p.consumer === consumer && p.consumerVersion === consumerVersion && p.provider === provider);
  const latestOf = (candidates: StoredPact[]) => candidates.sort((a, b) => versionOrder(b) - versionOrder(a))[0];
  const versionOrder = (p: StoredPact) => pacticipants.get(p.consumer)!.versions.get(p.consumerVersion)!.order;
  const versionOf = (p: StoredPact) => pacticipants.get(p.consumer)!.versions.get(p.consumerVersion)!;
  const inEnvironment = (name: string, environment?: string) => [
    ...deployments.filter((d) => d.pacticipant === name && d.currentlyDeployed && (environment === undefined || d.environment === environment)).map((d) => d.version),
    ...releases.filter((r) => r.pacticipant === name && (environment === undefined || r.environment === environment)).map((r) => r.version),
  ];
  const verifiedBy = (sha: string, provider: string, branch?: string) =>
    verifications.some((v) => v.sha === sha && v.provider === provider && v.result.success && (branch === undefined || pacticipant(provider).versions.get(v.result.providerApplicationVersion)?.branches.has(branch)));

  /** The pacts a selector picks for this provider (https://docs.pact.io/pact_broker/advanced_topics/consumer_version_selectors). */
  const selected = (provider: string, selector: Record<string, unknown>, providerBranch?: string): StoredPact[] => {
    const candidates = pacts.filter((p) => p.provider === provider && (selector.consumer === undefined || p.consumer === selector.consumer));
    const byConsumer = (filter: (p: StoredPact) => boolean) =>
      [...new Set(candidates.map((p) => p.consumer))].flatMap((consumer) => latestOf(candidates.filter((p) => p.consumer === consumer && filter(p))) ?? []);
    if (selector.mainBranch === true) return byConsumer((p) => versionOf(p).branches.has(pacticipants.get(p.consumer)!.mainBranch ?? '\u0000'));
    if (typeof selector.branch === 'string') return byConsumer((p) => versionOf(p).branches.has(selector.branch as string));
    if (selector.matchingBranch === true) return providerBranch ? byConsumer((p) => versionOf(p).branches.has(providerBranch)) : [];
    if (typeof selector.tag === 'string') return byConsumer((p) => versionOf(p).tags.has(selector.tag as string));
    const environment = typeof selector.environment === 'string' ? selector.environment : undefined;
    if (selector.deployedOrReleased === true || selector.deployed === true || selector.released === true || environment) {
      return candidates.filter((p) => {
        const deployed = deployments.some((d) => d.pacticipant === p.consumer && d.version === p.consumerVersion && d.currentlyDeployed && (environment === undefined || d.environment === environment));
        const released = releases.some((r) => r.pacticipant === p.consumer && r.version === p.consumerVersion && (environment === undefined || r.environment === environment));
        return selector.deployed === true ? deployed : selector.released === true ? released : deployed || released;
      });
    }
    if (selector.latest === true) return byConsumer(() => true);
    return [];
  };

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (options.hangOn && (req.url ?? '').startsWith(options.hangOn)) return;
      const base = `http://${req.headers.host}`;
      const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/hal+json;charset=utf-8', ...headers });
        res.end(value === undefined ? '' : JSON.stringify(value));
      };
      if (options.failOn && new URL(req.url ?? '/', base).pathname.endsWith(options.failOn.pathEnd)) return send(options.failOn.status, { error: 'failing on purpose' });
      if (options.failWith) return send(options.failWith.status, { error: 'failing on purpose' }, options.failWith.location ? { location: options.failWith.location } : {});
      const refusal = authRefusal(req.headers.authorization, options.basicAuth);
      if (refusal) {
        res.writeHead(refusal, refusal === 401 ? { 'www-authenticate': 'Basic realm="Restricted Area"', 'content-type': 'text/plain' } : { 'content-type': 'text/plain' });
        return res.end();
      }
      const url = new URL(req.url ?? '/', base);
      const path = url.pathname;
      const segments = path.split('/').slice(1).map(decodeURIComponent);
      const method = req.method ?? 'GET';

      if (method === 'GET' && path === '/') {
        return send(200, {
          _links: {
            self: { href: base },
            'pb:publish-contracts': { href: `${base}/contracts/publish`, title: 'Publish contracts' },
            'pb:pacticipants': { href: `${base}/pacticipants` },
            'pb:pacticipant': { href: `${base}/pacticipants/{pacticipant}`, templated: true },
            'pb:pacticipant-version': { href: `${base}/pacticipants/{pacticipant}/versions/{version}`, templated: true },
            'pb:environments': { href: `${base}/environments` },
            'pb:provider-pacts-for-verification': { href: `${base}/pacts/provider/{provider}/for-verification`, templated: true },
          },
        });
      }
      if (method === 'POST' && path === '/contracts/publish') return publish(JSON.parse(body) as PublishBody);
      if (method === 'GET' && path === '/environments') {
        return send(200, { _embedded: { environments: environments.map((e) => ({ uuid: e.uuid, name: e.name, displayName: e.displayName, production: e.name === 'production' })) } });
      }
      if (segments[0] === 'pacts' && segments[1] === 'provider' && segments[3] === 'for-verification') {
        const provider = segments[2]!;
        if (method === 'GET') return send(200, { _links: { self: { href: `${base}${path}`, title: 'Pacts to be verified' } } });
        if (!pacticipants.has(provider)) return send(404, { error: `No provider with name '${provider}' found` });
        return forVerification(provider, JSON.parse(body || '{}') as Record<string, unknown>);
      }
      // /pacts/provider/P/consumer/C/pact-version/SHA[/metadata/M][/verification-results], or /version/V
      if (segments[0] === 'pacts' && segments[1] === 'provider' && segments[3] === 'consumer') {
        const [provider, consumer] = [segments[2]!, segments[4]!];
        const results = segments.at(-1) === 'verification-results';
        let stored: StoredPact | undefined;
        let metadata: string | undefined;
        if (segments[5] === 'pact-version') {
          metadata = segments[7] === 'metadata' ? segments[8] : undefined;
          const wanted = metadata ? (JSON.parse(Buffer.from(metadata, 'base64url').toString('utf8')) as { cv?: string }).cv : undefined;
          const sameContent = pacts.filter((p) => p.provider === provider && p.consumer === consumer && p.sha === segments[6]);
          stored = sameContent.find((p) => p.consumerVersion === wanted) ?? latestOf(sameContent);
        } else if (segments[5] === 'version') stored = pactOf(consumer, segments[6]!, provider);
        if (!stored) return send(404, { error: 'No pact found' });
        if (method === 'POST' && results) {
          const result = JSON.parse(body) as VerificationResult;
          version(provider, result.providerApplicationVersion);
          verifications.push({ provider, consumer, sha: stored.sha, result });
          return send(201, { success: result.success, providerApplicationVersion: result.providerApplicationVersion, _links: {} });
        }
        if (method === 'GET' && !results) return send(200, pactResource(stored, base, metadata));
      }
      if (segments[0] === 'pacticipants' && segments.length === 2 && method === 'GET') {
        const found = pacticipants.get(segments[1]!);
        if (!found) return send(404, { error: `No pacticipant with name '${segments[1]}' found` });
        return send(200, {
          name: found.name,
          ...(found.mainBranch ? { mainBranch: found.mainBranch } : {}),
          _links: {
            'pb:version': { href: `${base}/pacticipants/${encodeURIComponent(found.name)}/versions/{version}`, templated: true },
            'pb:branch-version': { href: `${base}/pacticipants/${encodeURIComponent(found.name)}/branches/{branch}/versions/{version}`, templated: true },
            'pb:version-tag': { href: `${base}/pacticipants/${encodeURIComponent(found.name)}/versions/{version}/tags/{tag}`, templated: true },
          },
        });
      }
      if (segments[0] === 'pacticipants' && segments[2] === 'branches' && segments[4] === 'versions' && method === 'PUT') {
        version(segments[1]!, segments[5]!, segments[3]);
        providerVersions.push({ pacticipant: segments[1]!, branch: segments[3], version: segments[5]! });
        return send(201, { number: segments[5], _links: {} });
      }
      if (segments[0] === 'pacticipants' && segments[2] === 'versions' && segments.length === 4 && method === 'GET') {
        const found = pacticipants.get(segments[1]!)?.versions.get(segments[3]!);
        if (!found) return send(404, { error: `No version ${segments[3]} of ${segments[1]} found` });
        const href = (kind: string, e: EnvironmentRecord) => `${base}/pacticipants/${encodeURIComponent(segments[1]!)}/versions/${encodeURIComponent(found.number)}/${kind}/environment/${e.uuid}`;
        return send(200, {
          number: found.number,
          createdAt: found.createdAt,
          _links: {
            'pb:record-deployment': environments.map((e) => ({ title: `Record deployment to ${e.displayName}`, name: e.name, href: href('deployed-versions', e) })),
            'pb:record-release': environments.map((e) => ({ title: `Record release to ${e.displayName}`, name: e.name, href: href('released-versions', e) })),
          },
        });
      }
      if (segments[0] === 'pacticipants' && segments[2] === 'versions' && (segments[4] === 'deployed-versions' || segments[4] === 'released-versions') && segments[5] === 'environment' && method === 'POST') {
        const environment = environments.find((e) => e.uuid === segments[6]);
        if (!environment || !pacticipants.get(segments[1]!)?.versions.has(segments[3]!)) return send(404, { error: 'Not found' });
        const [name, number] = [segments[1]!, segments[3]!];
        if (segments[4] === 'deployed-versions') {
          // A deployment replaces the version of this pacticipant deployed there before.
          for (const d of deployments) if (d.pacticipant === name && d.environment === environment.name) d.currentlyDeployed = false;
          deployments.push({ pacticipant: name, version: number, environment: environment.name, currentlyDeployed: true });
        } else releases.push({ pacticipant: name, version: number, environment: environment.name });
        return send(201, { uuid: randomUUID(), currentlyDeployed: true, target: null, _links: {} });
      }
      if (method === 'GET' && path === '/matrix') return matrix(url.searchParams);
      return send(404, { error: `the broker double does not serve ${method} ${req.url}` });

      function publish(published: PublishBody) {
        const consumer = published.pacticipantName;
        const notices: { type: string; text: string }[] = [];
        for (const contract of published.contracts) {
          const content = JSON.parse(Buffer.from(contract.content, 'base64').toString('utf8')) as Record<string, unknown>;
          const sha = sha1(JSON.stringify(content));
          const existing = pactOf(consumer, published.pacticipantVersionNumber, contract.providerName);
          if (existing && existing.sha !== sha) {
            const text = `Cannot change the content of the pact for ${consumer} version ${published.pacticipantVersionNumber} and provider ${contract.providerName}, as race conditions will cause unreliable results for can-i-deploy. Each pact must be published with a unique consumer version number. For more information see https://docs.pact.io/go/versioning`;
            return send(409, { notices: [{ type: 'error', text }], errors: { contracts: [text] } });
          }
        }
        version(consumer, published.pacticipantVersionNumber, published.branch, published.tags ?? []);
        for (const contract of published.contracts) {
          const content = JSON.parse(Buffer.from(contract.content, 'base64').toString('utf8')) as Record<string, unknown>;
          pacticipant(contract.providerName);
          if (!pactOf(consumer, published.pacticipantVersionNumber, contract.providerName)) {
            pacts.push({ consumer, provider: contract.providerName, consumerVersion: published.pacticipantVersionNumber, sha: sha1(JSON.stringify(content)), content, createdAt: new Date().toISOString() });
          }
          notices.push({ type: 'success', text: `Pact published for ${consumer} version ${published.pacticipantVersionNumber} and provider ${contract.providerName}.` });
        }
        return send(200, {
          notices,
          _embedded: {
            pacticipant: { name: consumer, _links: { self: { href: `${base}/pacticipants/${encodeURIComponent(consumer)}` } } },
            version: { number: published.pacticipantVersionNumber, _links: { self: { href: `${base}/pacticipants/${encodeURIComponent(consumer)}/versions/${encodeURIComponent(published.pacticipantVersionNumber)}` } } },
          },
          _links: {
            'pb:pacticipant': { title: 'Pacticipant', name: consumer, href: `${base}/pacticipants/${encodeURIComponent(consumer)}` },
            'pb:pacticipant-version': { title: 'Pacticipant version', name: published.pacticipantVersionNumber, href: `${base}/pacticipants/${encodeURIComponent(consumer)}/versions/${encodeURIComponent(published.pacticipantVersionNumber)}` },
            'pb:pacticipant-version-tags': (published.tags ?? []).map((tag) => ({ title: 'Tag', name: tag, href: `${base}/pacticipants/${encodeURIComponent(consumer)}/versions/${encodeURIComponent(published.pacticipantVersionNumber)}/tags/${encodeURIComponent(tag)}` })),
            'pb:contracts': published.contracts.map((c) => ({ title: 'Pact', name: `Pact between ${consumer} (${published.pacticipantVersionNumber}) and ${c.providerName}`, href: `${base}/pacts/provider/${encodeURIComponent(c.providerName)}/consumer/${encodeURIComponent(consumer)}/version/${encodeURIComponent(published.pacticipantVersionNumber)}` })),
          },
        });
      }

      function forVerification(provider: string, query: Record<string, unknown>) {
        const selectors = (query.consumerVersionSelectors as Record<string, unknown>[] | undefined) ?? [{ mainBranch: true }];
        const branch = typeof query.providerVersionBranch === 'string' ? query.providerVersionBranch : undefined;
        const wipSince = typeof query.includeWipPactsSince === 'string' ? query.includeWipPactsSince : undefined;
        if (wipSince && !branch) return send(400, { errors: { providerVersionBranch: ['must be specified when includeWipPactsSince is specified'] } });
        const chosen = new Map<string, { pact: StoredPact; reasons: string[]; wip: boolean }>();
        for (const selector of selectors) {
          for (const pact of selected(provider, selector, branch)) {
            const key = `${pact.consumer}\u0000${pact.sha}`;
            const entry = chosen.get(key) ?? { pact, reasons: [], wip: false };
            entry.reasons.push(describeSelector(selector));
            chosen.set(key, entry);
          }
        }
        if (wipSince && branch) {
          const consumers = new Set(pacts.filter((p) => p.provider === provider).map((p) => p.consumer));
          for (const consumer of consumers) {
            const branches = new Set(pacts.filter((p) => p.provider === provider && p.consumer === consumer).flatMap((p) => [...versionOf(p).branches]));
            for (const consumerBranch of branches) {
              const latest = latestOf(pacts.filter((p) => p.provider === provider && p.consumer === consumer && versionOf(p).branches.has(consumerBranch)))!;
              const key = `${latest.consumer}\u0000${latest.sha}`;
              if (chosen.has(key) || latest.createdAt < wipSince || verifiedBy(latest.sha, provider, branch)) continue;
              chosen.set(key, { pact: latest, reasons: [`work in progress (latest from ${consumerBranch} branch)`], wip: true });
            }
          }
        }
        const includePending = query.includePendingStatus === true;
        return send(200, {
          _embedded: {
            pacts: [...chosen.values()].map(({ pact, reasons, wip }) => {
              const pending = wip || !verifiedBy(pact.sha, provider, branch);
              return {
                shortDescription: reasons.join(', '),
                verificationProperties: {
                  ...(includePending || wip ? { pending } : {}),
                  ...(wip ? { wip: true } : {}),
                  notices: [{ when: 'before_verification', text: `The pact at ${pactUrl(pact, base)} is being verified because the pact content belongs to the consumer version matching the given consumer version selectors` }],
                },
                _links: { self: { href: pactUrl(pact, base), name: `Pact between ${pact.consumer} (${pact.consumerVersion}) and ${pact.provider}` } },
              };
            }),
          },
          _links: { self: { href: `${base}${path}` } },
        });
      }

      function matrix(params: URLSearchParams) {
        const name = params.get('q[][pacticipant]');
        const number = params.get('q[][version]');
        const environment = params.get('environment');
        if (environment !== null && !environments.some((e) => e.name === environment)) return send(400, { errors: { environment: [`Environment with name '${environment}' does not exist`] } });
        if (!name || !pacticipants.has(name)) return send(400, { errors: { selectors: [`Pacticipant ${name} not found`] } });
        const consumerVersion = pacticipants.get(name)!.versions.get(number ?? '');
        if (!consumerVersion) return send(200, { summary: { deployable: false, reason: `No pacts or verifications have been published for version ${number} of ${name}`, success: 0, failed: 0, unknown: 0 }, notices: [], matrix: [] });
        const counts = { success: 0, failed: 0, unknown: 0 };
        const reasons: string[] = [];
        const rows: unknown[] = [];
        for (const pact of pacts.filter((p) => p.consumer === name && p.consumerVersion === number)) {
          const where = environment ?? 'any environment';
          const deployed = environment === null ? [...pacticipant(pact.provider).versions.keys()] : inEnvironment(pact.provider, environment);
          if (deployed.length === 0) {
            counts.unknown += 1;
            reasons.push(`There is no verified pact between version ${number} of ${name} and a version of ${pact.provider} currently in ${where} (no version is currently recorded as deployed/released in this environment)`);
            continue;
          }
          for (const providerVersion of deployed) {
            const verification = verifications.filter((v) => v.sha === pact.sha && v.provider === pact.provider && v.result.providerApplicationVersion === providerVersion).at(-1);
            rows.push({ consumer: { name, version: { number } }, provider: { name: pact.provider, version: { number: providerVersion } }, verificationResult: verification ? { success: verification.result.success } : null });
            if (!verification) {
              counts.unknown += 1;
              reasons.push(`There is no verified pact between version ${number} of ${name} and the version of ${pact.provider} currently in ${where} (${providerVersion})`);
            } else if (verification.result.success) counts.success += 1;
            else {
              counts.failed += 1;
              reasons.push(`The verification for the pact between version ${number} of ${name} and the version of ${pact.provider} currently in ${where} (${providerVersion}) failed`);
            }
          }
        }
        const deployable = counts.failed > 0 ? false : counts.unknown > 0 ? null : true;
        return send(200, { summary: { deployable, reason: deployable ? 'All required verification results are published and successful' : reasons.join('\n'), ...counts }, notices: [], matrix: rows });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const published = () => requests.filter((r) => r.url === '/contracts/publish' && r.method === 'POST').map((r) => JSON.parse(r.body) as PublishBody);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** Every publish request received (refused ones included). */
    published,
    /** The pacts the broker holds. */
    pacts: () => pacts.map(({ consumer, provider, consumerVersion, sha }) => ({ consumer, provider, consumerVersion, sha })),
    verificationResults: () => verifications.map(({ provider, consumer, result }) => ({ provider, consumer, result })),
    providerVersions,
    deployments: () => deployments.filter((d) => d.currentlyDeployed).map(({ pacticipant: p, version: v, environment }) => ({ pacticipant: p, version: v, environment })),
    releases: () => [...releases],
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Rack::Auth::Basic: no credentials or wrong ones are 401; another scheme (a bearer token) is 400. */
function authRefusal(header: string | undefined, basic: BrokerDoubleOptions['basicAuth']): 400 | 401 | undefined {
  if (!basic) return undefined;
  if (!header) return 401;
  const [scheme = '', value = ''] = header.split(' ');
  if (scheme.toLowerCase() !== 'basic') return 400;
  return Buffer.from(value, 'base64').toString('utf8') === `${basic.username}:${basic.password}` ? undefined : 401;
}

function pactUrl(pact: StoredPact, base: string): string {
  const metadata = Buffer.from(JSON.stringify({ cv: pact.consumerVersion })).toString('base64url');
  return `${base}/pacts/provider/${encodeURIComponent(pact.provider)}/consumer/${encodeURIComponent(pact.consumer)}/pact-version/${pact.sha}/metadata/${metadata}`;
}

function pactResource(pact: StoredPact, base: string, metadata: string | undefined) {
  const self = metadata ? `${pactUrl(pact, base).replace(/\/metadata\/.*$/, '')}/metadata/${metadata}` : pactUrl(pact, base).replace(/\/metadata\/.*$/, '');
  const interactions = ((pact.content.interactions ?? []) as Record<string, unknown>[]).map((interaction) => ({ _id: sha1(`${pact.sha}${JSON.stringify(interaction)}`), ...interaction }));
  return {
    ...pact.content,
    interactions,
    createdAt: pact.createdAt,
    _links: {
      self: { title: 'Pact', name: `Pact between ${pact.consumer} (${pact.consumerVersion}) and ${pact.provider}`, href: self },
      'pb:consumer': { title: 'Consumer', name: pact.consumer, href: `${base}/pacticipants/${encodeURIComponent(pact.consumer)}` },
      'pb:consumer-version': { title: 'Consumer version', name: pact.consumerVersion, href: `${base}/pacticipants/${encodeURIComponent(pact.consumer)}/versions/${encodeURIComponent(pact.consumerVersion)}` },
      'pb:provider': { title: 'Provider', name: pact.provider, href: `${base}/pacticipants/${encodeURIComponent(pact.provider)}` },
      'pb:publish-verification-results': { title: 'Publish verification results', href: `${self}/verification-results` },
    },
  };
}

function describeSelector(selector: Record<string, unknown>): string {
  if (selector.mainBranch) return 'latest from main branch';
  if (typeof selector.branch === 'string') return `latest from branch ${selector.branch}`;
  if (selector.matchingBranch) return 'latest from matching branch';
  if (selector.deployedOrReleased) return 'currently deployed or released';
  if (selector.deployed) return `currently deployed${typeof selector.environment === 'string' ? ` to ${selector.environment}` : ''}`;
  if (selector.released) return `currently released${typeof selector.environment === 'string' ? ` to ${selector.environment}` : ''}`;
  return JSON.stringify(selector);
}
