import { Option } from 'commander';
import type { Broker, BrokerAuth } from '../../broker/client.js';
import { UsageError } from '../../util/errors.js';
import { parseBaseUrl } from '../options.js';

export function brokerUrlOption(): Option {
  return new Option('--broker-url <url>', 'Pact Broker base URL').env('PACT_BROKER_BASE_URL');
}

export function brokerTimeoutOption(): Option {
  return new Option('--broker-timeout <seconds>', 'give up on a broker that has not answered within this many seconds')
    .argParser((value: string) => {
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 3600) throw new UsageError(`--broker-timeout must be a number of seconds from 1 to 3600, got ${value}`);
      return Number(value);
    })
    .default(30);
}

/** Broker credentials come only from the environment, never from arguments (which `ps` shows). */
export function brokerAuthFromEnv(env: NodeJS.ProcessEnv): BrokerAuth {
  const token = env.PACT_BROKER_TOKEN?.trim();
  const username = env.PACT_BROKER_USERNAME?.trim();
  const password = env.PACT_BROKER_PASSWORD;
  if (token) return { token };
  if (username) {
    if (!password) throw new UsageError('PACT_BROKER_USERNAME is set but PACT_BROKER_PASSWORD is not');
    return { username, password };
  }
  return {};
}

/** The broker a command talks to: --broker-url (or PACT_BROKER_BASE_URL), the environment's credentials, the timeout. */
export function brokerOf(options: { brokerUrl?: string; brokerTimeout?: number }, needed = '--broker-url (or PACT_BROKER_BASE_URL) is required'): Broker {
  if (!options.brokerUrl) throw new UsageError(needed);
  return {
    url: parseBaseUrl('--broker-url', options.brokerUrl, 'PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD'),
    auth: brokerAuthFromEnv(process.env),
    timeoutMs: (options.brokerTimeout ?? 30) * 1000,
  };
}
