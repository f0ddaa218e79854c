import { page, security } from '../../schemas/evidence.js';
import { isRecord } from '../../schemas/walk.js';
import { expectSuccess, fail, pass, patchKeepsUnnamedFields, secretNotEchoed, secretShown, skip, type Probe, type ProbeResponse } from '../../../suites/provider/probe.js';
import { pointerSegments, secretPointers } from '../../schemas/walk.js';
import { withPath } from '../../semantics/json.js';
import { PREQUEL_BLOCKS, prequel } from './definition.js';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../util/paths.js';
import { once } from '../../util/once.js';
import { prequelContract } from './contract.js';

/** The page's example of each block, alone (fixtures/docs/prequel/per-block/). */
const PAGE_BLOCK_EXAMPLES: readonly unknown[] = PREQUEL_BLOCKS.map((block) =>
  JSON.parse(readFileSync(fromRoot('fixtures/docs/prequel/per-block', `request-${block}.json`), 'utf8')),
);

const destinationOf = (r: ProbeResponse): Record<string, unknown> =>
  isRecord(r.body) && isRecord(r.body.data) && isRecord(r.body.data.destination) ? r.body.data.destination : {};
const otherFrequency = (before: Record<string, unknown>) => (before.frequency_minutes === 45 ? 46 : 45);

export const prequelProbes = once((): readonly Probe[] => {
  const base = prequelContract().interactions[0]!.body as { destination: Record<string, unknown> & { postgres: Record<string, unknown> } };
  return [
    patchKeepsUnnamedFields({
      full: base,
      partialName: 'settings-only',
      partial: (before) => ({ destination: { frequency_minutes: otherFrequency(before) } }),
      kept: ['name', 'postgres', 'enabled_models'],
      destinationOf,
      // An answer may leave optional fields out: only a shown value can contradict the PATCH.
      applied: (before, after) =>
        after.frequency_minutes === undefined || after.frequency_minutes === otherFrequency(before)
          ? undefined
          : fail('PATCH did not apply frequency_minutes', { frequency_minutes: otherFrequency(before) }, { frequency_minutes: after.frequency_minutes }),
    }),
    secretNotEchoed({
      name: 'a password sent is never returned',
      body: (secret) => ({ destination: { ...base.destination, postgres: { ...base.destination.postgres, password_auth: { username: 'probe', password: secret } } } }),
      echoed: 'the password was echoed in the response',
      expected: 'no password in the response',
    }),
    {
      name: 'no secret field is ever returned (every writeOnly field; on the sandbox, of every block)',
      evidence: security('a secret sent to the provider never comes back in any answer'),
      async run({ call, secret, target }) {
        // A live destination keeps its kind: only its own block, unless it is a throwaway one
        // (--allow-overwrite). The bundled sandbox takes every block the page documents, each with
        // all the fields of the page's example.
        const ownBlock = PREQUEL_BLOCKS.find((block) => Object.hasOwn(base.destination, block));
        const bodies = target.stateUrl || target.overwritable ? PAGE_BLOCK_EXAMPLES : PAGE_BLOCK_EXAMPLES.filter((_, i) => PREQUEL_BLOCKS[i] === ownBlock);
        const shown: string[] = [];
        let planted = 0;
        for (const example of bodies) {
          // Secrets the suite keeps out of its own output but the page does not call secret (an Oracle wallet) are not probed.
          const pointers = secretPointers(prequel.schemas.request, example, undefined, prequel.schemas.request, '', true);
          if (pointers.length === 0) continue;
          let body: unknown = example;
          const sent = pointers.map((pointer) => {
            const value = secret();
            body = withPath(body as Record<string, unknown>, pointerSegments(pointer), value);
            return { pointer, value };
          });
          planted += sent.length;
          const response = await call({ body });
          const failure = expectSuccess('the update', response);
          if (failure) return failure;
          for (const { pointer, value } of sent) {
            const where = secretShown(value, response);
            if (where) shown.push(`${pointer} (${where})`);
          }
        }
        if (planted === 0) return skip('no secret field to probe in the destination\'s block');
        await call({ body: base });
        return shown.length > 0 ? fail(`secret fields were returned: ${shown.join(', ')}`, 'no secret in the response', shown) : pass();
      },
    },
    {
      name: 'PATCH merges inside a block: a partial block keeps its other fields',
      evidence: page(`${prequel.seedFile}: the method is PATCH and no field of a block is required: a partial block updates the fields it names`),
      async run({ call }) {
        const first = await call({ body: base });
        const firstFailure = expectSuccess('the full PATCH', first);
        if (firstFailure) return firstFailure;
        const host = `pg-destconf-${Date.now()}.example.com`;
        const second = await call({ body: { destination: { postgres: { host } } } });
        const secondFailure = expectSuccess('the partial-block PATCH', second);
        if (secondFailure) return secondFailure;
        const before = destinationOf(first).postgres;
        const after = destinationOf(second).postgres;
        if (!isRecord(before) || !isRecord(after)) return skip('the answers do not show the postgres block');
        const dropped = Object.keys(before).filter((k) => k !== 'host' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
        await call({ body: base });
        if (dropped.length > 0) return fail(`a partial block replaced the block: ${dropped.map((k) => `postgres.${k}`).join(', ')} changed`, { postgres: before }, { postgres: after });
        if (after.host !== undefined && after.host !== host) return fail('the partial block was not applied', { host }, { host: after.host });
        return pass();
      },
    },
  ];
});
