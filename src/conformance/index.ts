/** `destconf conformance`: every check that needs no outside service, vendor by vendor. */
import { applyStrict, type CheckResult, type Step } from '../report/types.js';
import { interruptedBy } from '../util/interrupt.js';
import type { VendorId } from '../vendors/types.js';
import { isShared, runStep, startSharedSteps, STEPS, type StepOptions } from './steps.js';

export interface ConformanceProgress {
  readonly vendor: VendorId;
  readonly step: Step;
  readonly index: number;
  readonly total: number;
  /** A step run once for several vendors (verify, check-client): how many; its duration is the whole run's. */
  readonly sharedBy?: number;
}

export interface ConformanceOptions extends StepOptions {
  readonly vendors: readonly VendorId[];
  /** Warnings (beyond the docs) fail too. */
  readonly strict?: boolean;
  readonly onStepStart?: (progress: ConformanceProgress) => void;
  readonly onStepEnd?: (progress: ConformanceProgress, results: readonly CheckResult[], durationMs: number) => void;
}

export async function runConformance(options: ConformanceOptions): Promise<CheckResult[]> {
  // verify and check-client start now, for all vendors, and run while the in-process steps do.
  const shared = startSharedSteps(options.vendors, options);
  const all: CheckResult[] = [];
  const total = options.vendors.length * STEPS.length;
  let index = 0;
  for (const vendor of options.vendors) {
    for (const step of STEPS) {
      // Interrupted: no step starts, and one cut short (its processes killed) is no verdict.
      if (interruptedBy()) return all;
      let progress: ConformanceProgress = { vendor, step, index: ++index, total };
      options.onStepStart?.(progress);
      const started = performance.now();
      let durationMs: number | undefined;
      let results: CheckResult[];
      try {
        if (isShared(step)) {
          const run = await shared[step](vendor);
          if (run.error !== undefined) throw new Error(run.error);
          results = [...run.results];
          durationMs = run.durationMs;
          if (run.vendors > 1) progress = { ...progress, sharedBy: run.vendors };
        } else {
          results = await runStep(step, vendor, options);
        }
      } catch (error) {
        results = [{ vendor, step, name: `${step} could not run`, status: 'failed', durationMs: 0, message: (error as Error).message }];
      }
      if (interruptedBy()) return all;
      results = results.map((r) => applyStrict(r, options.strict ?? false));
      all.push(...results);
      options.onStepEnd?.(progress, results, durationMs ?? Math.round(performance.now() - started));
    }
  }
  return all;
}
