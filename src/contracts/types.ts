import type { VendorId } from '../vendors/index.js';
import type { StateParams } from './states.js';

/** One interaction of a vendor's consumer contract, as data. */
export interface ContractInteraction {
  /** Pact `uponReceiving`; unique within the vendor's pact. */
  readonly description: string;
  readonly state: string;
  /** Example ids of the provider state, by adapter-input key (destinationId, projectIdOrName). */
  readonly params: StateParams;
  /** Whether the client is given credentials (none: the request must be refused with 401). */
  readonly credentials: 'valid' | 'none';
  readonly body: unknown;
  readonly query?: Readonly<Record<string, boolean>>;
  readonly status: number;
  /** Example 2xx response body (derived from the sandbox seed and the semantics). */
  readonly response?: unknown;
}

export interface VendorContract {
  readonly vendor: VendorId;
  readonly interactions: readonly ContractInteraction[];
}
