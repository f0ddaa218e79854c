import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as comparatorModule from '@pactflow/openapi-pact-comparator';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSUMER, pactFileName } from '../src/contracts/index.js';
import { openApiDocument } from '../src/openapi/generate.js';
import { destconf, ROOT } from './helpers/cli.js';
import { VENDORS, vendorModule } from './helpers/vendors.js';

// The package's typings re-export through subpath imports TypeScript cannot follow here.
const { Comparator } = comparatorModule as unknown as {
  Comparator: new (oas: unknown) => { compare(pact: unknown): AsyncGenerator<{ code?: string; message?: string }> };
};

describe.each(VENDORS)('$id OpenAPI 3.1 document', (vendor) => {
  const document = openApiDocument(vendorModule(vendor.id));

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('agrees with the committed pact (bi-directional comparison, zero findings)', async () => {
    const pact = JSON.parse(readFileSync(join(ROOT, 'contracts/pacts', pactFileName(DEFAULT_CONSUMER, vendor.providerName)), 'utf8')) as unknown;
    const findings: unknown[] = [];
    for await (const result of new Comparator(document as never).compare(pact as never)) findings.push(result);
    expect(findings).toEqual([]);
  });
});

describe('the comparator catches a pact that disagrees with the schemas', () => {
  it('reports a response field of the wrong type', async () => {
    const vendor = VENDORS.find((v) => v.id === 'stitch')!;
    const pact = JSON.parse(readFileSync(join(ROOT, 'contracts/pacts', pactFileName(DEFAULT_CONSUMER, vendor.providerName)), 'utf8')) as {
      interactions: { response: { status: number; body?: { content: Record<string, unknown> }; matchingRules?: unknown } }[];
    };
    const ok = pact.interactions.find((i) => i.response.status === 200)!;
    ok.response.body!.content.id = 'not-an-integer';
    delete ok.response.matchingRules;
    const findings: { code?: string }[] = [];
    for await (const result of new Comparator(openApiDocument(vendorModule(vendor.id)) as never).compare(pact as never)) findings.push(result as { code?: string });
    expect(findings.length).toBeGreaterThan(0);
  });
});

describe('destconf openapi', () => {
  it('writes one document per vendor', async () => {
    const out = join(ROOT, 'node_modules/.cache/destconf-openapi-test');
    const result = await destconf(['openapi', '--out', out]);
    expect(result.code).toBe(0);
    for (const vendor of VENDORS) {
      expect(JSON.parse(readFileSync(join(out, `${vendor.id}.openapi.json`), 'utf8'))).toEqual(openApiDocument(vendorModule(vendor.id)));
    }
  });
});
