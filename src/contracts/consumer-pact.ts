/**
 * PactV4 (pact-js 16.5, `src/v4/index.ts`) for HTTP interactions only: the same consumer pact on the Rust core,
 * the same interaction builder, the same pact-js metadata in the file. pact-js's module also loads its GraphQL,
 * XML and message DSLs (through `../v3`), which cost about 0.2 s of CPU in every process that drives a client
 * against the mock server (each check-client run), and which no contract here uses.
 */
import { createRequire } from 'node:module';
import { makeConsumerPact } from '@pact-foundation/pact-core/src/consumer/index.js';
import type { ConsumerPact } from '@pact-foundation/pact-core/src/consumer/types.js';
import { UnconfiguredInteraction } from '@pact-foundation/pact/src/v4/http/unconfiguredInteraction.js';
import type { PactV4Options } from '@pact-foundation/pact/src/v4/http/types.js';

/** Pact specification V4 (pact-core's FfiSpecificationVersion.SPECIFICATION_VERSION_V4). */
const SPECIFICATION_V4 = 5;
const PACT_JS_VERSION = (createRequire(import.meta.url)('@pact-foundation/pact/package.json') as { version: string }).version;

export class HttpPactV4 {
  pact!: ConsumerPact;

  constructor(readonly opts: PactV4Options) {
    this.setup();
  }

  /** As PactV4: a fresh core pact, written to when a test passes (and again after each test, as pact-js does). */
  private setup(): void {
    this.pact = makeConsumerPact(this.opts.consumer, this.opts.provider, SPECIFICATION_V4, this.opts.logLevel ?? 'info');
    this.pact.addMetadata('pact-js', 'version', PACT_JS_VERSION);
  }

  addInteraction(): UnconfiguredInteraction {
    return new UnconfiguredInteraction(this.pact, this.pact.newInteraction(''), this.opts, () => this.setup());
  }
}
