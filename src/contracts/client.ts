/**
 * The client side of a contract, without the Pact core (loading it costs a process about 0.2 s): what a
 * client under test is, the input and credentials an interaction gives it, the placeholders pacts carry,
 * and the check of an interaction against the schemas. ./runner.ts drives clients on the Pact mock server.
 */
import { buildFromInput } from '../builders/index.js';
import { validate } from '../validate/index.js';
import type { VendorDefinition, VendorId } from '../vendors/types.js';
import { DESTINATION_MISSING } from './states.js';
import type { ContractInteraction } from './types.js';

export interface ClientConfig {
  readonly baseUrl: string;
  readonly credentials: Readonly<Record<string, string>>;
}
export interface DestinationClient {
  updateDestination(input: Record<string, unknown>): Promise<unknown>;
}
export type ClientFactory = (config: ClientConfig) => DestinationClient;

export interface InteractionOutcome {
  readonly vendor: VendorId;
  readonly description: string;
  readonly passed: boolean;
  readonly message?: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  readonly durationMs: number;
  /** Beyond the docs, not against them (e.g. an undocumented body field the client added). */
  readonly warnings?: readonly string[];
}

/** Auth placeholders: no credential ever reaches a pact file. A wrong credential has a placeholder of its own. */
export const PLACEHOLDERS = { valid: { token: 'PLACEHOLDER_TOKEN', apiKey: 'PLACEHOLDER_API_KEY' }, wrong: { token: 'WRONG_PLACEHOLDER_TOKEN', apiKey: 'WRONG_PLACEHOLDER_API_KEY' } } as const;

export function inputOf(vendor: VendorDefinition, interaction: ContractInteraction): Record<string, unknown> & { body: unknown } {
  return {
    ...Object.fromEntries(vendor.pathParameters.map((p) => [p.inputKey, interaction.params[p.inputKey]])),
    body: structuredClone(interaction.body),
    ...(interaction.query ? { query: { ...interaction.query } } : {}),
  };
}

export function credentialsFor(vendor: VendorDefinition, secret: string): Record<string, string> {
  return { [vendor.auth.credential]: secret };
}

/** Asserts what a pact cannot: the interaction's own body is what the schemas say it is. */
export function checkInteractionAgainstSchemas(vendor: VendorDefinition, interaction: ContractInteraction): string | undefined {
  if (interaction.status < 300) {
    try {
      buildFromInput(vendor, inputOf(vendor, interaction), credentialsFor(vendor, 'x'));
    } catch (error) {
      return `request: ${(error as Error).message}`;
    }
    const response = validate(vendor, 'response', interaction.response);
    if (!response.valid) return `response: ${response.errors.map((e) => e.message).join('; ')}`;
  } else if (interaction.credentials === 'valid' && interaction.state !== DESTINATION_MISSING && validate(vendor, 'request', interaction.body).valid) {
    return 'an invalid-body interaction carries a valid body';
  }
  return undefined;
}
