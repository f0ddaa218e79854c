import fc from 'fast-check';

/**
 * Property runs are reproducible: a fixed seed unless FC_SEED is set, at least 200 runs unless
 * FC_NUM_RUNS says otherwise. A failure prints its seed and the shrunk counterexample.
 */
fc.configureGlobal({
  seed: Number(process.env.FC_SEED ?? 20261123),
  numRuns: Number(process.env.FC_NUM_RUNS ?? 200),
  verbose: 1,
});
