/**
 * `check-client`: load an adapter and run the client conformance suite for every vendor it
 * provides. Clients get random credentials, masked in every result.
 */
import { randomBytes } from 'node:crypto';
import { runClientSuite } from '../../suites/client/index.js';
import { applyStrict, type CheckResult } from '../report/types.js';
import { UsageError } from '../util/errors.js';
import { Redactor } from '../util/redact.js';
import { getVendor, VENDOR_IDS, type VendorId } from '../vendors/index.js';
import { loadAdapter, preflight } from './adapter.js';
import { Recorder } from './recorder.js';

export interface CheckClientOptions {
  readonly adapterPath: string;
  readonly vendor?: VendorId;
  readonly timeoutMs?: number;
  readonly runs?: number;
  readonly seed?: number;
  /** Warnings (beyond the docs) fail too. */
  readonly strict?: boolean;
  readonly onResult?: (result: CheckResult) => void;
}

export async function checkClient(options: CheckClientOptions): Promise<CheckResult[]> {
  const factories = await loadAdapter(options.adapterPath);
  if (options.vendor && !factories.has(options.vendor)) {
    throw new UsageError(`adapter ${options.adapterPath} does not provide ${options.vendor} (it provides ${[...factories.keys()].join(', ')})`);
  }
  const vendors = VENDOR_IDS.filter((v) => factories.has(v) && (!options.vendor || v === options.vendor));
  const redactor = new Redactor();
  const credentialsOf = new Map<VendorId, Record<string, string>>();
  for (const vendor of vendors) {
    const secret = `client-check-${randomBytes(12).toString('hex')}`;
    redactor.add(secret);
    credentialsOf.set(vendor, { [getVendor(vendor).auth.credential]: secret });
    preflight(options.adapterPath, vendor, factories.get(vendor)!, credentialsOf.get(vendor)!, (t) => redactor.text(t));
  }
  const recorder = new Recorder();
  const elsewhere = new Recorder();
  await recorder.start();
  await elsewhere.start();
  const results: CheckResult[] = [];
  try {
    for (const vendor of vendors) {
      await runClientSuite(
        {
          vendor: getVendor(vendor),
          factory: factories.get(vendor)!,
          credentials: credentialsOf.get(vendor)!,
          timeoutMs: options.timeoutMs ?? 5000,
          runs: options.runs ?? 50,
          seed: options.seed ?? 20261123,
          recorder,
          elsewhere,
          redactor,
          leaks: [],
        },
        (result) => {
          const safe = redactor.value(applyStrict(result, options.strict ?? false));
          results.push(safe);
          options.onResult?.(safe);
        },
      );
    }
  } finally {
    await recorder.stop();
    await elsewhere.stop();
  }
  return results;
}
