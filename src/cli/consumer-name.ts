import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkedConsumerName } from '../contracts/index.js';

/**
 * The user's consumer name, as check-client --pact-out writes pacts under it and the broker commands ask about
 * it: the flag, else DESTCONF_CONSUMER_NAME, else the "name" in ./package.json; undefined when none is given.
 */
export function userConsumerName(given: string | undefined, flag: string): string | undefined {
  if (given?.trim()) return checkedConsumerName(given.trim(), flag);
  const fromEnv = process.env.DESTCONF_CONSUMER_NAME?.trim();
  if (fromEnv) return checkedConsumerName(fromEnv, 'DESTCONF_CONSUMER_NAME');
  const fromPackage = packageName();
  return fromPackage === undefined ? undefined : checkedConsumerName(fromPackage, `the "name" in package.json (pass ${flag} to choose another)`);
}

function packageName(): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
