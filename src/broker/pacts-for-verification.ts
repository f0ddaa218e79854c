/**
 * The pacts a provider is to verify, asked of the broker as the Pact verifier asks (`pb:provider-pacts-for-verification`,
 * with the consumer version selectors, pending and work-in-progress options), then each pact read once: its
 * consumer, consumer version and interactions name every finding, and `--only` can choose among them before
 * anything is sent. The verifier is then handed each pact by URL, and publishes its result to that pact.
 */
import { UsageError } from '../util/errors.js';
import { requestsOf } from '../contracts/pact-file.js';
import { brokerRequest, brokerRequestOrAbsent, BrokerError, link, type Broker } from './client.js';

/** One consumer version selector, as the broker takes it (https://docs.pact.io/pact_broker/advanced_topics/consumer_version_selectors). */
export type ConsumerVersionSelector = Readonly<Record<string, string | boolean>>;

export const DEFAULT_SELECTORS: readonly ConsumerVersionSelector[] = [{ mainBranch: true }, { deployedOrReleased: true }];

export interface VerificationQuery {
  readonly selectors: readonly ConsumerVersionSelector[];
  readonly enablePending?: boolean;
  /** An ISO date: pacts published since then and not yet verified by this provider branch are verified too, as pending. */
  readonly includeWipPactsSince?: string;
  readonly providerBranch?: string;
}

export interface BrokerPact {
  readonly url: string;
  readonly provider: string;
  readonly consumer: string;
  readonly consumerVersion?: string;
  /** Why the broker chose it (e.g. "latest from main branch"). */
  readonly reason?: string;
  /** A failure of a pending pact does not fail the build (the broker says so until it has been verified once). */
  readonly pending: boolean;
  readonly wip: boolean;
  readonly interactions: readonly string[];
  /** Each interaction's request body (a live replay leaves out those that would write a secret). */
  readonly requests: readonly { readonly description: string; readonly body: unknown }[];
}

export async function pactsForVerification(broker: Broker, provider: string, query: VerificationQuery): Promise<BrokerPact[]> {
  const index = await brokerRequest(broker, '/');
  const href = link(index, 'pb:provider-pacts-for-verification', { provider });
  if (!href) throw new BrokerError(`the broker at ${broker.url} offers no pb:provider-pacts-for-verification: consumer version selectors need Pact Broker 2.60 or later`);
  // A provider the broker has never heard of (404) has no pacts to verify.
  const answer = await brokerRequestOrAbsent(broker, href, {
    method: 'POST',
    body: {
      consumerVersionSelectors: query.selectors,
      includePendingStatus: query.enablePending ?? false,
      ...(query.includeWipPactsSince ? { includeWipPactsSince: query.includeWipPactsSince } : {}),
      ...(query.providerBranch ? { providerVersionBranch: query.providerBranch } : {}),
    },
  });
  if (!answer) return [];
  const listed = ((answer._embedded as { pacts?: unknown[] } | undefined)?.pacts ?? []) as ListedPact[];
  const pacts: BrokerPact[] = [];
  for (const entry of listed) {
    const url = entry._links?.self?.href;
    if (typeof url !== 'string') throw new BrokerError(`the broker at ${broker.url} listed a pact for ${provider} without a URL`);
    const properties = entry.verificationProperties ?? {};
    pacts.push({ ...(await pactAt(broker, url)), ...(entry.shortDescription ? { reason: entry.shortDescription } : {}), pending: properties.pending === true, wip: properties.wip === true });
  }
  return pacts;
}

interface ListedPact {
  shortDescription?: string;
  verificationProperties?: { pending?: unknown; wip?: unknown };
  _links?: { self?: { href?: unknown } };
}

/** A pact of the broker by URL (`verify --pact-url`, what a webhook hands over). */
export async function pactAt(broker: Broker, url: string): Promise<BrokerPact> {
  const pact = await brokerRequest(broker, url);
  const consumer = (pact.consumer as { name?: unknown } | undefined)?.name;
  const provider = (pact.provider as { name?: unknown } | undefined)?.name;
  if (typeof consumer !== 'string' || typeof provider !== 'string') throw new BrokerError(`${url} is not a pact (it names no consumer and provider)`);
  const version = ((pact._links as Record<string, { name?: unknown }> | undefined)?.['pb:consumer-version'])?.name;
  const requests = requestsOf(pact);
  return { url, provider, consumer, ...(typeof version === 'string' ? { consumerVersion: version } : {}), pending: false, wip: false, interactions: requests.map((r) => r.description), requests };
}

/** `mainBranch`, `branch=feature-x`, `deployed=production,consumer=web` or a JSON object: one selector. */
export function parseSelector(text: string): ConsumerVersionSelector {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new UsageError(`--consumer-version-selector ${JSON.stringify(text)} is not JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`--consumer-version-selector ${JSON.stringify(text)} is not a JSON object`);
    return checkedSelector(value as Record<string, unknown>, text);
  }
  const selector: Record<string, string | boolean> = {};
  for (const part of trimmed.split(',')) {
    const [key = '', ...rest] = part.split('=');
    selector[key.trim()] = rest.length === 0 ? true : rest.join('=').trim();
  }
  return checkedSelector(selector, text);
}

const SELECTOR_KEYS: Readonly<Record<string, 'boolean' | 'string' | 'either'>> = {
  mainBranch: 'boolean',
  matchingBranch: 'boolean',
  deployedOrReleased: 'boolean',
  latest: 'boolean',
  branch: 'string',
  fallbackBranch: 'string',
  tag: 'string',
  fallbackTag: 'string',
  consumer: 'string',
  environment: 'string',
  deployed: 'either',
  released: 'either',
};

function checkedSelector(selector: Record<string, unknown>, text: string): ConsumerVersionSelector {
  const keys = Object.keys(selector);
  if (keys.length === 0 || keys.includes('')) throw new UsageError(`--consumer-version-selector ${JSON.stringify(text)} is empty`);
  for (const key of keys) {
    const kind = SELECTOR_KEYS[key];
    if (!kind) throw new UsageError(`--consumer-version-selector ${JSON.stringify(text)}: ${key} is not a selector property (${Object.keys(SELECTOR_KEYS).join(', ')})`);
    const value = selector[key];
    const ok = kind === 'boolean' ? typeof value === 'boolean' : kind === 'string' ? typeof value === 'string' && value !== '' : typeof value === 'boolean' || (typeof value === 'string' && value !== '');
    if (!ok) throw new UsageError(`--consumer-version-selector ${JSON.stringify(text)}: ${key} takes ${kind === 'boolean' ? 'no value' : kind === 'string' ? 'a value (key=value)' : 'a value or none'}`);
  }
  // `deployed=production` is the broker's {deployed: true, environment: "production"}.
  const normalised: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(selector as Record<string, string | boolean>)) {
    if ((key === 'deployed' || key === 'released') && typeof value === 'string') {
      normalised[key] = true;
      normalised.environment = value;
    } else normalised[key] = value;
  }
  return normalised;
}
