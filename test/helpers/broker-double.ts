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

export async function startBrokerDouble(options: { deployable?: boolean; publishStatus?: number } = {}) {
  const requests: BrokerRequest[] = [];
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
      if (req.method === 'GET' && req.url?.startsWith('/matrix')) {
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
    published: () => requests.filter((r) => r.url === '/contracts/publish' && r.method === 'POST').map((r) => JSON.parse(r.body) as PublishBody),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
