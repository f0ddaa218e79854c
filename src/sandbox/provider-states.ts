/**
 * The provider-state endpoint for the Pact verifier:
 * `POST /_destconf/provider-states {"vendor","state","params","action"}` sets the state up (or
 * tears it down) and answers with the values to inject into the interaction (e.g. the id).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isKnownState, isMissingState } from '../contracts/states.js';
import type { VendorId } from '../vendors/types.js';
import type { SandboxVendor, State } from './types.js';

export const PROVIDER_STATES_PATH = '/_destconf/provider-states';

interface StateStore {
  set(vendor: VendorId, key: string, state: State): void;
  delete(vendor: VendorId, key: string): void;
}

export async function handleProviderState(
  context: { readonly vendors: Readonly<Record<VendorId, SandboxVendor>>; readonly store: StateStore },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method !== 'POST') return reply(405, { error: 'use POST' });
  let request: { vendor?: string; state?: string; params?: Record<string, string>; action?: string };
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    request = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as typeof request;
  } catch {
    return reply(400, { error: 'body is not JSON' });
  }
  const { vendor, state, params = {}, action = 'setup' } = request;
  const behaviour = vendor && Object.hasOwn(context.vendors, vendor) ? context.vendors[vendor] : undefined;
  if (!behaviour) return reply(400, { error: `unknown vendor ${String(vendor)}` });
  if (!state || !isKnownState(state)) return reply(400, { error: `unknown provider state ${String(state)}` });
  const pathParams = Object.fromEntries(behaviour.vendor.pathParameters.map((p) => [p.name, params[p.inputKey] ?? '']));
  const key = behaviour.keyOf(pathParams);
  if (action === 'setup' && key !== undefined) {
    if (isMissingState(state)) context.store.delete(behaviour.vendor.id, key);
    else context.store.set(behaviour.vendor.id, key, behaviour.stateFor(pathParams));
  }
  return reply(200, params);
}
