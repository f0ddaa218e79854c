/**
 * The consumer-contract suite of one vendor: drive the reference client through every interaction
 * on the Pact mock server, then check the pact written against the schemas, the committed copy,
 * and the secret the client was given.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MatchersV3 } from '@pact-foundation/pact';
import adapter from '../examples/reference-client/adapter.mjs';
import { DEFAULT_CONSUMER, pactFileName } from '../src/contracts/index.js';
import { checkInteractionAgainstSchemas, type ClientFactory, type InteractionOutcome } from '../src/contracts/client.js';
import { runConsumerContract } from '../src/contracts/runner.js';
import { type VendorId } from '../src/vendors/types.js';
import { contractOf, getVendor, validate, vendorModule } from '../test/helpers/vendors.js';

export const COMMITTED_PACTS = new URL('./pacts/', import.meta.url).pathname;

interface PactFile {
  metadata: { pactSpecification: { version: string } };
  consumer: { name: string };
  provider: { name: string };
  interactions: {
    description: string;
    providerStates: { name: string; params: Record<string, string> }[];
    request: { method: string; path: string; body?: { content: unknown }; headers?: Record<string, string[]>; generators?: { path?: { type: string } } };
    response: { status: number; body?: { content: unknown } };
  }[];
}

export function describeContract(vendorId: VendorId, specifics: readonly string[]): void {
  const vendor = getVendor(vendorId);
  const secret = `pact-scan-${vendorId}-${Math.random().toString(36).slice(2)}`;
  const pactDir = mkdtempSync(join(tmpdir(), `destconf-pacts-${vendorId}-`));
  const file = pactFileName(DEFAULT_CONSUMER, vendor.providerName);
  let outcomes: InteractionOutcome[] = [];
  let pact: PactFile;

  describe(`${vendor.title} consumer contract (${vendor.providerName})`, () => {
    beforeAll(async () => {
      const factory = (adapter as Record<string, ClientFactory>)[vendorId]!;
      outcomes = await runConsumerContract(vendorModule(vendorId), factory, { pactDir, consumer: DEFAULT_CONSUMER, secret });
      pact = JSON.parse(readFileSync(join(pactDir, file), 'utf8')) as PactFile;
    });

    for (const interaction of contractOf(vendorId).interactions) {
      it(`the reference client fulfils: ${interaction.description}`, () => {
        const outcome = outcomes.find((o) => o.description === interaction.description);
        expect(outcome?.message).toBeUndefined();
        expect(outcome?.passed).toBe(true);
      });
      it(`agrees with the schemas: ${interaction.description}`, () => {
        expect(checkInteractionAgainstSchemas(vendor, interaction)).toBeUndefined();
      });
    }

    it('pins the documented example, 401, 404, the invalid body and the vendor specifics', () => {
      const statuses = contractOf(vendorId).interactions.map((i) => i.status);
      expect(statuses).toEqual(expect.arrayContaining([200, 401, 404, vendorModule(vendorId).sandbox.invalidBodyStatus]));
      const descriptions = pact.interactions.map((i) => i.description);
      for (const specific of specifics) expect(descriptions.some((d) => d.includes(specific)), specific).toBe(true);
    });

    it('writes a Pact V4 file with every interaction, under provider states with parameters', () => {
      expect(pact.metadata.pactSpecification.version).toBe('4.0');
      expect(pact.consumer.name).toBe(DEFAULT_CONSUMER);
      expect(pact.provider.name).toBe(vendor.providerName);
      expect(pact.interactions).toHaveLength(contractOf(vendorId).interactions.length);
      for (const interaction of pact.interactions) {
        expect(interaction.providerStates[0]?.params.destinationId).toBeTruthy();
        expect(interaction.request.generators?.path?.type).toBe('ProviderState');
      }
    });

    it('holds request and response examples that the schemas accept', () => {
      for (const interaction of pact.interactions) {
        if (interaction.response.status >= 300) {
          expect(interaction.response.body, 'error bodies are not pinned').toBeUndefined();
          continue;
        }
        const request = validate(vendorId, 'request', interaction.request.body?.content);
        expect(request.errors, interaction.description).toEqual([]);
        const response = validate(vendorId, 'response', MatchersV3.reify(interaction.response.body?.content));
        expect(response.errors, interaction.description).toEqual([]);
      }
    });

    it('never holds the credential the client used; auth headers are placeholders', () => {
      const text = readFileSync(join(pactDir, file), 'utf8');
      expect(text).not.toContain(secret);
      for (const interaction of pact.interactions) {
        for (const [name, values] of Object.entries(interaction.request.headers ?? {})) {
          if (name.toLowerCase() === vendor.auth.header) expect(values[0]).toMatch(/PLACEHOLDER/);
        }
      }
    });

    it('matches the committed pact byte for byte (run `./bin/destconf contracts` after changing a contract)', () => {
      expect(readFileSync(join(pactDir, file), 'utf8')).toBe(readFileSync(join(COMMITTED_PACTS, file), 'utf8'));
    });
  });
}
