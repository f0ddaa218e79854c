import { InvalidArgumentError, Option } from 'commander';
import { isVendorId, VENDOR_IDS, type VendorId } from '../vendors/index.js';

export function vendorOption(description = 'only this vendor'): Option {
  return new Option('--vendor <vendor>', description).choices(VENDOR_IDS);
}

export function jsonOption(): Option {
  return new Option('--json', 'print machine-readable JSON on stdout');
}

export function parseVendor(value: string | undefined): VendorId | undefined {
  if (value === undefined) return undefined;
  if (!isVendorId(value)) throw new InvalidArgumentError(`unknown vendor "${value}" (expected ${VENDOR_IDS.join(', ')})`);
  return value;
}

export function positiveInteger(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError(`${name} must be a positive integer`);
    return Number(value);
  };
}
