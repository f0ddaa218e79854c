import fc from 'fast-check';
import { describe, it } from 'vitest';
import { validate } from '../src/validate/index.js';
import { VENDOR_IDS } from '../src/vendors/index.js';
import { mutationsFailAtTheirPointer, validDocumentsPass } from './laws.js';

describe.each(VENDOR_IDS)('%s schemas and validator', (vendor) => {
  it('accept every generated valid request and response', () => {
    fc.assert(validDocumentsPass(vendor, validate));
  });
  it('reject every generated mutation at its pointer', () => {
    fc.assert(mutationsFailAtTheirPointer(vendor, validate));
  });
});
