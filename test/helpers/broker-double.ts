/**
 * A Pact Broker test double on loopback: the HAL index, `POST /contracts/publish` and the matrix
 * query behind can-i-deploy, as the broker documents them. It records every request. (A real broker
 * cannot be installed here; users point the commands at theirs.)
 */
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
  testResults?: { interactionDescription?: string; success?: boolean }[];
}

export async function startBrokerDouble(options: { deployable?: boolean; publishStatus?: number } = {}) {
  const requests: BrokerRequest[] = [];
  const verificationResults: { provider: string; consumer: string; result: VerificationResult }[] = [];
  const providerVersions: { pacticipant: string; branch?: string; version: string }[] = [];
  const published = () => requests.filter((r) => r.url === '/contracts/publish' && r.method === 'POST').map((r) => JSON.parse(r.body) as PublishBody);
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const base = `http://${req.headers.host}`;
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/hal+json' });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'GET' && req.url === '/') {
        return send(200, {
          _links: {
            self: { href: base },
            'pb:publish-contracts': { href: `${base}/contracts/publish`, title: 'Publish contracts' },
            'pb:pacticipants': { href: `${base}/pacticipants` },
            'pb:provider-pacts-for-verification': { href: `${base}/pacts/provider/{provider}/for-verification`, templated: true },
          },
        });
      }
      if (req.method === 'POST' && req.url === '/contracts/publish') {
        if (options.publishStatus && options.publishStatus >= 400) return send(options.publishStatus, { errors: { contracts: ['refused by the double'] } });
        const published = JSON.parse(body) as PublishBody;
        return send(200, {
          notices: published.contracts.map((c) => ({ type: 'success', text: `Pact published for ${c.consumerName} and ${c.providerName}` })),
          _embedded: { pacticipant: { name: published.pacticipantName }, version: { number: published.pacticipantVersionNumber } },
          _links: {
            'pb:pacticipant-version': { href: `${base}/pacticipants/${published.pacticipantName}/versions/${published.pacticipantVersionNumber}` },
            'pb:contracts': published.contracts.map((c) => ({ href: `${base}/pacts/provider/${c.providerName}/consumer/${c.consumerName}/version/${published.pacticipantVersionNumber}` })),
          },
        });
      }
      const forVerification = /^\/pacts\/provider\/([^/]+)\/for-verification$/.exec(req.url ?? '');
      if (req.method === 'GET' && forVerification) {
        return send(200, { _links: { self: { href: `${base}${req.url}`, title: 'Pacts to be verified' } } });
      }
      if (req.method === 'POST' && forVerification) {
        const provider = decodeURIComponent(forVerification[1]!);
        const pacts = published()
          .flatMap((p) => p.contracts)
          .filter((c) => c.providerName === provider);
        return send(200, {
          _embedded: {
            pacts: pacts.map((c, i) => ({
              shortDescription: 'latest from main',
              verificationProperties: { pending: false, notices: [{ when: 'before_verification', text: `The pact at ... is being verified because it matches the selectors` }] },
              _links: { self: { href: `${base}/pacts/provider/${c.providerName}/consumer/${c.consumerName}/pact-version/v${i}`, name: `Pact between ${c.consumerName} and ${c.providerName}` } },
            })),
          },
        });
      }
      const pactVersion = /^\/pacts\/provider\/([^/]+)\/consumer\/([^/]+)\/pact-version\/(v\d+)(\/verification-results)?$/.exec(req.url ?? '');
      if (pactVersion) {
        const [, provider, consumer, version, results] = pactVersion;
        if (req.method === 'POST' && results) {
          verificationResults.push({ provider: provider!, consumer: consumer!, result: JSON.parse(body) as VerificationResult });
          return send(201, { success: true });
        }
        const contract = published().flatMap((p) => p.contracts).filter((c) => c.providerName === provider && c.consumerName === consumer)[Number(version!.slice(1))];
        if (req.method === 'GET' && contract) {
          const pact = JSON.parse(Buffer.from(contract.content, 'base64').toString('utf8')) as Record<string, unknown>;
          return send(200, {
            ...pact,
            _links: { 'pb:publish-verification-results': { href: `${base}${req.url}/verification-results` }, 'pb:provider': { href: `${base}/pacticipants/${provider}` } },
          });
        }
      }
      const pacticipant = /^\/pacticipants\/([^/]+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && pacticipant) {
        const name = pacticipant[1]!;
        return send(200, {
          name: decodeURIComponent(name),
          _links: {
            'pb:version': { href: `${base}/pacticipants/${name}/versions/{version}`, templated: true },
            'pb:branch-version': { href: `${base}/pacticipants/${name}/branches/{branch}/versions/{version}`, templated: true },
            'pb:version-tag': { href: `${base}/pacticipants/${name}/versions/{version}/tags/{tag}`, templated: true },
          },
        });
      }
      const providerVersion = /^\/pacticipants\/([^/]+)\/(?:branches\/([^/]+)\/)?versions\/([^/]+)$/.exec(req.url ?? '');
      if (req.method === 'PUT' && providerVersion) {
        providerVersions.push({ pacticipant: decodeURIComponent(providerVersion[1]!), branch: providerVersion[2] ? decodeURIComponent(providerVersion[2]) : undefined, version: decodeURIComponent(providerVersion[3]!) });
        return send(201, { _links: {} });
      }
      if (req.method === 'GET' && req.url?.startsWith('/matrix')) {
        // A fresh broker knows the environments production and test only; another is refused by name.
        const environment = new URL(req.url, base).searchParams.get('environment');
        if (environment !== null && !['production', 'test'].includes(environment)) {
          return send(400, { errors: { environment: [`Environment with name '${environment}' does not exist`] } });
        }
        const deployable = options.deployable ?? true;
        return send(200, {
          summary: { deployable, reason: deployable ? 'All required verification results are published and successful' : 'The verification for the pact between the latest version of destination-contracts and stitch-api failed', success: deployable ? 5 : 4, failed: deployable ? 0 : 1, unknown: 0 },
          notices: [],
          matrix: [],
        });
      }
      return send(404, { error: `the broker double does not serve ${req.method} ${req.url}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    published,
    verificationResults,
    providerVersions,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
