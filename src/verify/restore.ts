/**
 * Leaving a live destination as it was found (`verify --base-url`). PATCH vendors: a first update
 * that changes nothing shows the destination's state; the run ends with the update that puts every
 * non-secret field back, and reads the state again to prove it. PUT vendors replace the whole
 * destination and their pages offer no read: the run ends with the restore body the user gave.
 */
import type { CheckResult } from '../report/types.js';
import { semanticsOf } from '../semantics/index.js';
import { deepEqual } from '../semantics/json.js';
import { isRecord, pointerGet } from '../schemas/walk.js';
import { getVendor } from '../vendors/index.js';
import type { ProbeContext, ProbeResponse } from '../../suites/provider/probe.js';
import { envNames, type VerifyTarget } from './targets.js';

export interface DestinationGuard {
  /** A finding of the start (the state could not be read), if any. */
  readonly start?: CheckResult;
  restore(): Promise<CheckResult>;
}

const NAME = 'restore: the destination is left as it was found';
export const restoreFinding = (target: VerifyTarget, status: CheckResult['status'], message: string, extra: Partial<CheckResult> = {}): CheckResult => ({
  vendor: target.vendor,
  step: 'verify',
  name: NAME,
  status,
  durationMs: 0,
  message,
  ...extra,
});
const ok = (r: ProbeResponse) => r.status >= 200 && r.status < 300;

export async function guardDestination(target: VerifyTarget, context: ProbeContext): Promise<DestinationGuard | undefined> {
  if (!target.live) return undefined;
  const vendor = getVendor(target.vendor);
  const readBack = semanticsOf(target.vendor).readBack;
  if (!readBack) return putGuard(target, context);
  const before = await context.call({ body: readBack.emptyUpdate });
  if (!ok(before)) {
    const start = restoreFinding(target, 'failed', `cannot read the destination's state before the run (an update that changes nothing was answered HTTP ${before.status}): it cannot be restored`);
    return { start, restore: async () => restoreFinding(target, 'skipped', 'the state before the run is unknown') };
  }
  const stateOf = (r: ProbeResponse) => withoutUpdateTime(pointerGet(r.body, vendor.destinationPointer), vendor.timestamps?.updated);
  return {
    async restore() {
      const restored = await context.call({ body: readBack.restoreBody(before.body) });
      if (!ok(restored)) return restoreFinding(target, 'failed', `the restoring update was answered HTTP ${restored.status}: the destination may be left changed`);
      const after = await context.call({ body: readBack.emptyUpdate });
      if (!ok(after)) return restoreFinding(target, 'failed', `cannot read the destination's state after the run: HTTP ${after.status}`);
      const [was, is] = [stateOf(before), stateOf(after)];
      if (deepEqual(was, is)) return restoreFinding(target, 'passed', 'every non-secret field is as it was before the run (update timestamp aside)');
      const changed = isRecord(was) && isRecord(is) ? [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((k) => !deepEqual(was[k], is[k])) : ['the destination'];
      return restoreFinding(target, 'failed', `the destination differs from how it was found: ${changed.join(', ')}`, { expected: was, actual: is });
    },
  };
}

/** PUT vendors: the run ends with the restore body; without one (--allow-overwrite) nothing can be put back. */
function putGuard(target: VerifyTarget, context: ProbeContext): DestinationGuard {
  const variable = envNames(getVendor(target.vendor)).restoreFile;
  return {
    async restore() {
      if (target.restoreBody === undefined) return restoreFinding(target, 'skipped', `--allow-overwrite without ${variable}: the destination is left as the last request wrote it`);
      const response = await context.call({ body: target.restoreBody });
      return ok(response)
        ? restoreFinding(target, 'passed', `the destination was put back with the body of ${variable}`)
        : restoreFinding(target, 'failed', `the restoring PUT (${variable}) was answered HTTP ${response.status}: the destination may be left changed`);
    },
  };
}

function withoutUpdateTime(destination: unknown, field: string | undefined): unknown {
  if (!field || !isRecord(destination)) return destination;
  const { [field]: _moved, ...rest } = destination;
  return rest;
}
