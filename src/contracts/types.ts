import type { VendorId } from '../vendors/types.js';
import type { StateParams } from './states.js';

/** One interaction of a vendor's consumer contract, as data. */
export interface ContractInteraction {
  /** Pact `uponReceiving`; unique within the vendor's pact. */
  readonly description: string;
  readonly state: string;
  /** Example ids of the provider state, by adapter-input key (destinationId, projectIdOrName). */
  readonly params: StateParams;
  /**
   * The credential the client is given: the valid one, or a well-formed wrong one (the request
   * must then be refused). A client always gets a credential of the documented shape.
   */
  readonly credentials: 'valid' | 'wrong';
  readonly body: unknown;
  readonly query?: Readonly<Record<string, boolean>>;
  /** The status the mock server answers with (an example of `statuses`). */
  readonly status: number;
  /**
   * The statuses a provider may answer with, where the pages allow more than one: a list, or a
   * class ('clientError' = any 4xx). Absent: exactly `status`.
   */
  readonly statuses?: readonly number[] | 'clientError';
  /** Example 2xx response body (derived from the sandbox seed and the semantics). */
  readonly response?: unknown;
}

export interface VendorContract {
  readonly vendor: VendorId;
  readonly interactions: readonly ContractInteraction[];
}
