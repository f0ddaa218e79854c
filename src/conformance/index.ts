/** `destconf conformance`: every check that needs no outside service, vendor by vendor. */
import { applyStrict, type CheckResult, type Step } from '../report/types.js';
import type { VendorId } from '../vendors/types.js';
import { runStep, STEPS, type StepOptions } from './steps.js';

export interface ConformanceProgress {
  readonly vendor: VendorId;
  readonly step: Step;
  readonly index: number;
  readonly total: number;
}

export interface ConformanceOptions extends StepOptions {
  readonly vendors: readonly VendorId[];
  /** Warnings (beyond the docs) fail too. */
  readonly strict?: boolean;
  readonly onStepStart?: (progress: ConformanceProgress) => void;
  readonly onStepEnd?: (progress: ConformanceProgress, results: readonly CheckResult[], durationMs: number) => void;
}

export async function runConformance(options: ConformanceOptions): Promise<CheckResult[]> {
  const all: CheckResult[] = [];
  const total = options.vendors.length * STEPS.length;
  let index = 0;
  for (const vendor of options.vendors) {
    for (const step of STEPS) {
      const progress = { vendor, step, index: ++index, total };
      options.onStepStart?.(progress);
      const started = performance.now();
      let results: CheckResult[];
      try {
        results = await runStep(step, vendor, options);
      } catch (error) {
        results = [{ vendor, step, name: `${step} could not run`, status: 'failed', durationMs: 0, message: (error as Error).message }];
      }
      results = results.map((r) => applyStrict(r, options.strict ?? false));
      all.push(...results);
      options.onStepEnd?.(progress, results, Math.round(performance.now() - started));
    }
  }
  return all;
}

