import { Option } from 'commander';
import { UsageError } from '../../util/errors.js';

export function brokerUrlOption(): Option {
  return new Option('--broker-url <url>', 'Pact Broker base URL').env('PACT_BROKER_BASE_URL');
}

/** Broker credentials come only from the environment, never from arguments (which `ps` shows). */
export function brokerAuthFromEnv(env: NodeJS.ProcessEnv): { token?: string; username?: string; password?: string } {
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
