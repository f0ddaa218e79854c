import { page } from '../../schemas/evidence.js';
import { isRecord } from '../../schemas/walk.js';
import { documentedDestination, expectSuccess, fail, pass, refusalChangedNothing, secretNotEchoed, type Probe, type ProbeResponse } from '../../../suites/provider/probe.js';
import { markedForRefusal } from '../../../suites/provider/refusal-markers.js';
import { getPath, withPath } from '../../semantics/json.js';
import { ampersand } from './definition.js';
import { once } from '../../util/once.js';
import { ampersandContract } from './contract.js';

const metadataOf = (body: unknown): Record<string, unknown> => (isRecord(body) && isRecord(body.metadata) ? body.metadata : {});

/** The paths the page lists (secrets aside: they are never shown, and a live run must not overwrite them). */
const DOCUMENTED_PATHS = ((ampersand.schemas.request.properties as { updateMask: { items: { 'x-documented-values': string[] } } }).updateMask.items['x-documented-values']).filter((p) => !p.startsWith('secrets.'));

/** A fresh value of the path's type. */
function valueFor(path: string, tag: string): unknown {
  if (path === 'metadata.headers') return { 'X-Destconf-Probe': tag };
  if (path.endsWith('rl')) return `https://probe-${tag}.example.com/hook`;
  return `probe-${tag}`;
}
const read = (body: unknown, path: string): unknown => getPath(body, path.split('.'));


const sameDocumentedState = (a: ProbeResponse, b: ProbeResponse) => JSON.stringify(documentedDestination(ampersand, a)) === JSON.stringify(documentedDestination(ampersand, b));

export const ampersandProbes = once((): readonly Probe[] => {
  const base = ampersandContract().interactions[0]!.body as { updateMask: string[]; destination: { name: string; metadata: Record<string, unknown> } };
  return [
    {
      name: 'every documented updateMask path is honoured, and the paths it does not name stay',
      evidence: page(`${ampersand.seedFile}: updateMask is the "Array of field paths specifying which fields to update"`),
      async run({ call }) {
        const first = await call({ body: base });
        const firstFailure = expectSuccess('the documented update', first);
        if (firstFailure) return firstFailure;
        let before = first.body;
        const problems: string[] = [];
        for (const [i, path] of DOCUMENTED_PATHS.entries()) {
          const tag = `${Date.now().toString(36)}${i}`;
          // The body also carries a value for the next path, which the mask does not name.
          const decoy = DOCUMENTED_PATHS[(i + 1) % DOCUMENTED_PATHS.length]!;
          let destination = withPath({}, path.split('.'), valueFor(path, tag));
          destination = withPath(destination, decoy.split('.'), valueFor(decoy, `decoy${tag}`));
          const response = await call({ body: { updateMask: [path], destination } });
          if (response.status < 200 || response.status >= 300) {
            problems.push(`${path}: HTTP ${response.status}`);
            continue;
          }
          const shown = read(response.body, path);
          if (shown !== undefined && JSON.stringify(shown) !== JSON.stringify(valueFor(path, tag))) problems.push(`${path} was not updated`);
          if (JSON.stringify(read(response.body, decoy)) !== JSON.stringify(read(before, decoy))) problems.push(`${decoy} changed although the mask named only ${path}`);
          before = response.body;
        }
        await call({ body: base });
        return problems.length > 0 ? fail(`updateMask not honoured: ${problems.join('; ')}`, 'each masked path updated, the others kept', problems) : pass();
      },
    },
    {
      // The page is silent on an empty mask: refusing it (4xx) and applying it as a no-op are both legal.
      name: 'an empty updateMask changes nothing (or is refused)',
      evidence: page(`${ampersand.seedFile}: updateMask names the fields to update; an empty one names none (refusing it is as legal)`),
      async run(context) {
        const { call } = context;
        const first = await call({ body: base });
        const firstFailure = expectSuccess('the documented update', first);
        if (firstFailure) return firstFailure;
        // Values no other request sends: refused, none may show up later (law 2); applied as a no-op, none may show now.
        const { body, markers } = markedForRefusal(ampersand, { updateMask: [], destination: { name: 'ignored', metadata: { region: 'ignored-region' } } });
        const second = await call({ body });
        if (second.status >= 400 && second.status < 500) {
          context.refused(markers, 'an update with an empty updateMask');
          return (await refusalChangedNothing(context, first, body, 'after an update with an empty updateMask')) ?? pass();
        }
        const secondFailure = expectSuccess('the empty-mask update', second);
        if (secondFailure) return secondFailure;
        if (!sameDocumentedState(first, second)) return fail('an empty updateMask changed the destination', first.body, second.body);
        return pass();
      },
    },
    {
      name: 'only the paths updateMask names change',
      evidence: page(`${ampersand.seedFile}: updateMask is the "Array of field paths specifying which fields to update"`),
      async run({ call }) {
        const first = await call({ body: base });
        const firstFailure = expectSuccess('the first update', first);
        if (firstFailure) return firstFailure;
        const name = `probe-${Date.now()}`;
        const second = await call({ body: { updateMask: ['name'], destination: { name, metadata: { region: 'probe-region-1' } } } });
        const secondFailure = expectSuccess('the name-only update', second);
        if (secondFailure) return secondFailure;
        const after = isRecord(second.body) ? second.body : {};
        if (after.name !== name) return fail('the masked path name was not updated', { name }, { name: after.name });
        const region = metadataOf(after).region;
        if (region !== metadataOf(first.body).region) return fail('updateMask was ignored: metadata.region changed although the mask names only name', { region: metadataOf(first.body).region }, { region });
        return pass();
      },
    },
    secretNotEchoed({
      name: 'secrets sent are not returned (the update takes no includeSecrets)',
      body: (secret) => ({ updateMask: ['secrets.awsSecretKey'], destination: { secrets: { awsSecretKey: secret } } }),
      echoed: 'a secret was echoed although secrets were not asked for',
      expected: 'no secret in the response',
    }),
  ];
});
