import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASKED_SECRET } from '../src/vendors/streamkap/semantics.js';
import { PREQUEL_BLOCKS } from '../src/vendors/prequel/definition.js';
import {
  applyingTwiceEqualsOnce,
  emptyPatchChangesNothing,
  fullMaskReplacesThosePaths,
  maskLeavesOtherPaths,
  NOW,
  patchKeepsUnnamedFields,
  putLeavesNothingBehind,
  requestsCarrySecrets,
  secretsNeverReturned,
} from './laws.js';
import { AMPERSAND_MASK_PATHS } from '../src/vendors/ampersand/definition.js';
import { VENDOR_IDS, getVendor, semanticsOf, vendorModule } from '../test/helpers/vendors.js';

describe.each(VENDOR_IDS)('%s semantics', (vendor) => {
  it('applying an update twice equals applying it once', () => {
    fc.assert(applyingTwiceEqualsOnce(vendorModule(vendor), semanticsOf(vendor)));
  });
});

describe('PATCH (Prequel, Redox, Ampersand)', () => {
  it('an empty PATCH changes nothing', () => {
    fc.assert(emptyPatchChangesNothing(vendorModule('prequel'), semanticsOf('prequel'), { destination: {} }));
    fc.assert(emptyPatchChangesNothing(vendorModule('redox'), semanticsOf('redox'), {}));
    fc.assert(emptyPatchChangesNothing(vendorModule('ampersand'), semanticsOf('ampersand'), { updateMask: [], destination: { name: 'ignored' } }));
  });
  it('Prequel never touches a field it did not name (same vendor block)', () => {
    const destinationOf = (b: unknown) => (b as { destination: Record<string, unknown> }).destination;
    const namesNoOtherBlock = (state: Record<string, unknown>, body: unknown) =>
      PREQUEL_BLOCKS.every((block) => !Object.hasOwn(destinationOf(body), block) || Object.hasOwn(state, block));
    fc.assert(patchKeepsUnnamedFields(vendorModule('prequel'), semanticsOf('prequel'), destinationOf, ['updated_at'], namesNoOtherBlock));
  });
  it('Redox never touches a field it did not name', () => {
    fc.assert(patchKeepsUnnamedFields(vendorModule('redox'), semanticsOf('redox'), (b) => b, []));
  });
  it('a Prequel block of another vendor replaces the stored block', () => {
    const state = { id: 'd', vendor: 'snowflake', snowflake: { host: 'h' } };
    const after = semanticsOf('prequel').apply(state, { body: { destination: { postgres: { host: 'p' } } } }, NOW);
    expect(after).toEqual({ id: 'd', vendor: 'postgres', postgres: { host: 'p' }, updated_at: NOW });
  });
});

describe('Ampersand updateMask', () => {
  it('a mask of every path equals replacing those paths', () => {
    fc.assert(fullMaskReplacesThosePaths(vendorModule('ampersand'), semanticsOf('ampersand'), AMPERSAND_MASK_PATHS));
  });
  it('paths outside the mask keep their value', () => {
    fc.assert(maskLeavesOtherPaths(vendorModule('ampersand'), semanticsOf('ampersand'), AMPERSAND_MASK_PATHS));
  });
});

describe('PUT (Streamkap, Stitch)', () => {
  it.each(['streamkap', 'stitch'] as const)('%s leaves no field of the old state behind', (vendor) => {
    fc.assert(putLeavesNothingBehind(vendorModule(vendor), semanticsOf(vendor)));
  });
});

describe('secrets', () => {
  it('the secret law runs where generated requests carry secrets, and is left out where it could only pass vacuously (Stitch: only a rare type branch has a password)', () => {
    expect(['streamkap', 'prequel', 'ampersand', 'redox'].filter((v) => !requestsCarrySecrets(getVendor(v)))).toEqual([]);
    expect(requestsCarrySecrets(getVendor('stitch'))).toBe(false);
  });
  it.each(['streamkap', 'prequel', 'ampersand', 'redox'] as const)('%s never returns a secret it was sent', (vendor) => {
    fc.assert(secretsNeverReturned(vendorModule(vendor), semanticsOf(vendor)));
  });
  it('Streamkap hides secrets with secret_returned=false and returns them with true', () => {
    fc.assert(secretsNeverReturned(vendorModule('streamkap'), semanticsOf('streamkap'), { secret_returned: false }));
    const state = semanticsOf('streamkap').apply({}, { body: { name: 'n', connector: 'c', config: { 'db.password': 'p4ss', host: 'h' } } }, NOW);
    expect(semanticsOf('streamkap').present(state, { body: {}, query: { secret_returned: true } })).toMatchObject({ config: { 'db.password': 'p4ss' } });
    expect(semanticsOf('streamkap').present(state, { body: {}, query: {} })).toMatchObject({ config: { 'db.password': MASKED_SECRET, host: 'h' } });
  });
  it('Stitch echoes the connection but never its password ("will never be returned by the API")', () => {
    const state = semanticsOf('stitch').apply({ id: 1 }, { body: { type: 'postgres', connection: { host: 'h', password: 'pw' } } }, NOW);
    expect(semanticsOf('stitch').present(state, { body: {} })).toEqual({ id: 1, type: 'postgres', connection: { host: 'h' }, updated_at: NOW });
  });
});
