/**
 * Leaving a live destination as it was found (`verify --base-url`). PATCH vendors: a first update
 * that changes nothing shows the destination's state; the run ends with the update that puts every
 * non-secret field back, and reads the state again to prove it. PUT vendors replace the whole
 * destination and their pages offer no read: the run ends with the restore body the user gave.
 */
import type { CheckResult } from '../report/types.js';
import { deepEqual } from '../semantics/json.js';
import { isRecord, leafPointers, pointerGet, pointerJoin, secretPointers } from '../schemas/walk.js';
import { withoutPointers } from '../semantics/json.js';
import { page } from '../schemas/evidence.js';
import { documentedDestination, type ProbeContext, type ProbeResponse } from '../../suites/provider/probe.js';
import { envNames, type VerifyTarget } from './targets.js';

export interface DestinationGuard {
  /** A finding of the start (the state could not be read), if any: skipped, never failed (the suite's limit, not the provider's fault). */
  readonly start?: CheckResult;
  /** No read, no write: the state to return to is unknown and overwriting was not allowed. */
  readonly blocked?: string;
  restore(): Promise<CheckResult>;
}

const NAME = 'restore: the destination is left as it was found';
/** The finding of the start (the state could not be read): a name of its own, so that a run never holds two findings of one name. */
const START_NAME = 'restore: the state before the run is known';
export const restoreFinding = (target: VerifyTarget, status: CheckResult['status'], message: string, extra: Partial<CheckResult> = {}): CheckResult => ({
  vendor: target.vendor,
  step: 'verify',
  name: NAME,
  status,
  durationMs: 0,
  message,
  evidence: page(`${target.module.definition.seedFile}: an accepted update is applied (the restoring update puts back what the run changed)`),
  ...extra,
});
const startFinding = (target: VerifyTarget, message: string): CheckResult => ({ ...restoreFinding(target, 'skipped', message), name: START_NAME });
const ok = (r: ProbeResponse) => r.status >= 200 && r.status < 300;

export async function guardDestination(target: VerifyTarget, context: ProbeContext, allowOverwrite = false): Promise<DestinationGuard | undefined> {
  if (!target.live) return undefined;
  const vendor = target.module.definition;
  const readBack = target.module.semantics.readBack;
  if (!readBack) return putGuard(target, context);
  const before = await context.call({ body: readBack.emptyUpdate });
  if (!ok(before)) {
    const why = before.redirectedTo
      ? `an update that changes nothing was redirected (HTTP ${before.status}) to ${before.redirectedTo}; not followed (no credential leaves the configured origin)`
      : `an update that changes nothing was answered HTTP ${before.status}`;
    return target.restoreBody === undefined ? unreadable(target, why, allowOverwrite) : fileGuard(target, context, why, allowOverwrite);
  }
  if (pointerGet(before.body, vendor.destinationPointer) === undefined) {
    const why = 'the answer to an update that changes nothing does not show the destination';
    return target.restoreBody === undefined ? unreadable(target, why, allowOverwrite) : fileGuard(target, context, why, allowOverwrite);
  }
  const stateOf = (r: ProbeResponse) => documentedDestination(vendor, r);
  // Undo is planned before the write: a request setting a field the restore cannot put back is not sent.
  const restoreBody = readBack.restoreBody(before.body);
  const unrestorable = (body: unknown) =>
    leafPointers(body).filter((p) => !secretPointers(vendor.schemas.request, body).includes(p) && pointerGet(restoreBody, p) === undefined && !readBack.clearedByRestore?.(p));
  if (!allowOverwrite) {
    context.limitWrites((request) => {
      const found = unrestorable(request.body);
      return found.length > 0 ? `would set ${found.slice(0, 3).join(', ')}, which the destination did not have: the restore cannot take it out again (a throwaway destination: --allow-overwrite)` : undefined;
    });
  }
  return {
    async restore() {
      const restored = await context.call({ body: readBack.restoreBody(before.body), restoring: true });
      if (!ok(restored)) return restoreFinding(target, 'failed', `the restoring update was answered HTTP ${restored.status}: the destination may be left changed`);
      const after = await context.call({ body: readBack.emptyUpdate, restoring: true });
      if (!ok(after)) return restoreFinding(target, 'failed', `cannot read the destination's state after the run: HTTP ${after.status}`);
      const [was, is] = [stateOf(before), stateOf(after)];
      // Stored secrets cannot be read back: one the run overwrote (--allow-secret-writes) is said, never passed over.
      const overwritten = context.secretsWritten();
      if (deepEqual(was, is) && overwritten.length > 0) {
        return restoreFinding(target, 'skipped', `left changed (--allow-secret-writes): the run overwrote the stored ${overwritten.join(', ')}, which cannot be read or put back; every other field is as it was`);
      }
      if (deepEqual(was, is)) return restoreFinding(target, 'passed', 'every non-secret field is as it was before the run (update timestamp aside)');
      const changed = isRecord(was) && isRecord(is) ? [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((k) => !deepEqual(was[k], is[k])) : ['the destination'];
      // A field the run added cannot be taken out by a PATCH: said, and not the provider's fault.
      const added = addedPointers(was, is);
      const onlyAdded = isRecord(was) && isRecord(is) && deepEqual(was, withoutPointers(is, added));
      if (onlyAdded && allowOverwrite) {
        return restoreFinding(target, 'skipped', `left changed (--allow-overwrite): the run added ${added.join(', ')}, which a PATCH cannot remove; every field it had is as it was`, { expected: was, actual: is });
      }
      return restoreFinding(target, 'failed', `the destination differs from how it was found: ${changed.join(', ')}`, { expected: was, actual: is });
    },
  };
}

/**
 * The state before the run is unknown (a provider may refuse an update that changes nothing): the
 * provider is not at fault, and without --allow-overwrite nothing that writes is sent.
 */
export function unreadable(target: VerifyTarget, why: string, allowOverwrite: boolean): DestinationGuard {
  const reason = `cannot read the destination's state before the run (${why})`;
  if (allowOverwrite) {
    return {
      start: startFinding(target, `${reason}; --allow-overwrite: the probes run and the destination is left as the last request wrote it`),
      restore: async () => restoreFinding(target, 'skipped', 'the state before the run is unknown (--allow-overwrite): the destination is left as the last request wrote it'),
    };
  }
  const blocked = `${reason}: no request that may change it is sent (give the body to end with in ${envNames(target.module.definition).restoreFile}, or run against a throwaway destination with --allow-overwrite)`;
  return { start: startFinding(target, blocked), blocked, restore: async () => restoreFinding(target, 'skipped', 'nothing was changed: no request that writes was sent') };
}

/**
 * A PATCH vendor whose state cannot be read, with a restore file: the run ends with that body, and sends only
 * requests whose fields it holds (a merge PATCH puts back the fields it carries, and no other).
 */
function fileGuard(target: VerifyTarget, context: ProbeContext, why: string, allowOverwrite: boolean): DestinationGuard {
  const vendor = target.module.definition;
  const variable = envNames(vendor).restoreFile;
  const held = new Set(leafPointers(target.restoreBody));
  if (!allowOverwrite) {
    context.limitWrites((request) => {
      const found = leafPointers(request.body).filter((p) => !held.has(p) && !secretPointers(vendor.schemas.request, request.body, vendor.isSecretOpenKey).includes(p));
      return found.length > 0 ? `would set ${found.slice(0, 3).join(', ')}, which ${variable} does not hold: the restore could not put it back (a throwaway destination: --allow-overwrite)` : undefined;
    });
  }
  return {
    start: startFinding(target, `cannot read the destination's state before the run (${why}): the run ends with the body of ${variable}, and sends only what that body can put back`),
    async restore() {
      const response = await context.call({ body: target.restoreBody, restoring: true });
      return ok(response)
        ? restoreFinding(target, 'passed', `the destination was put back with the body of ${variable} (its state cannot be read, so this is the update's acceptance, not a read-back)`)
        : restoreFinding(target, 'failed', `the restoring update (${variable}) was answered HTTP ${response.status}: the destination may be left changed`);
    },
  };
}

/** PUT vendors: the run ends with the restore body; without one (--allow-overwrite) nothing can be put back. */
function putGuard(target: VerifyTarget, context: ProbeContext): DestinationGuard {
  const variable = envNames(target.module.definition).restoreFile;
  return {
    async restore() {
      if (target.restoreBody === undefined) return restoreFinding(target, 'skipped', `--allow-overwrite without ${variable}: the destination is left as the last request wrote it`);
      const response = await context.call({ body: target.restoreBody, restoring: true });
      return ok(response)
        ? restoreFinding(target, 'passed', `the destination was put back with the body of ${variable}`)
        : restoreFinding(target, 'failed', `the restoring PUT (${variable}) was answered HTTP ${response.status}: the destination may be left changed`);
    },
  };
}

/** Where `is` has a field that `was` lacks: the highest such pointer of each added subtree. */
function addedPointers(was: unknown, is: unknown, pointer = ''): string[] {
  if (!isRecord(was) || !isRecord(is)) return [];
  return Object.entries(is).flatMap(([key, child]) =>
    !Object.hasOwn(was, key) ? [pointerJoin(pointer, key)] : addedPointers(was[key], child, pointerJoin(pointer, key)),
  );
}
