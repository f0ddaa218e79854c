/**
 * What an update does to a stored destination, as pure functions: the reference sandbox applies
 * them, `verify` compares providers with them, and the property suites pin their laws.
 */
export interface UpdateRequest {
  readonly body: unknown;
  /** Parsed query parameters, where the page documents some. */
  readonly query?: Readonly<Record<string, unknown>>;
}

export interface VendorSemantics<State = Record<string, unknown>> {
  /**
   * The stored destination after the update. `now` becomes its update timestamp, but only when
   * the update changed something: an update that changes nothing leaves the state as it was.
   */
  apply(state: State, request: UpdateRequest, now: string): State;
  /**
   * The secret fields (request JSON pointers) an accepted update with this body overwrites, where the body's
   * secret fields alone do not say: a field mask writes (or clears) what it names, and nothing else.
   * Without it, every secret field the body carries is written.
   */
  secretsWrittenBy?(body: unknown): readonly string[];
  /** The stored state a 2xx response body describes (how the sandbox seeds from doc examples). */
  stateOf(response: unknown): State;
  /** The 2xx response body for that state, redacted as the vendor documents. */
  present(state: State, request: UpdateRequest): unknown;
  /**
   * PATCH vendors: how `verify` leaves a live destination as it found it. `emptyUpdate` changes
   * nothing, so its answer shows the destination's state; `restoreBody` turns such an answer into
   * the update that puts every non-secret field back.
   */
  readonly readBack?: {
    readonly emptyUpdate: unknown;
    restoreBody(answer: unknown): unknown;
    /**
     * Whether the restore puts back what a body sets at this pointer even when the destination had
     * no value there (a field mask clears a masked path the body leaves out). Without it, only a
     * field the restore body writes is restorable: a merge PATCH cannot remove a field.
     */
    clearedByRestore?(pointer: string): boolean;
    /**
     * Where the provider may refuse `emptyUpdate` (the page is silent on it): updates that each write one
     * field back to the value it had in this answer (`writes`: the answer's top-level fields it touches),
     * so that together their answers show every field.
     */
    fallbackReads?(answer: unknown): readonly { readonly body: unknown; readonly writes: readonly string[] }[];
  };
}
