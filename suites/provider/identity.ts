/**
 * Probes of who may see what: the answer is about the destination asked for; a wrong credential,
 * an unknown id or (where the path names one) a wrong project is refused, and the refusal exposes none of the
 * destination's stored data (OWASP API3: the id alone is fine).
 */
import { documentedExample } from '../../src/contracts/index.js';
import { isRecord } from '../../src/schemas/walk.js';
import { markedForRefusal } from './refusal-markers.js';
import { destinationOf, sameId } from './answers.js';
import { freshMissingId } from '../../src/verify/targets.js';
import type { VendorModule } from '../../src/vendors/types.js';
import { expectSuccess, fail, pass, refusalChangedNothing, skip, type Probe, type ProbeCall, type ProbeContext, type ProbeResponse } from './probe.js';
import { page, security, type Evidence } from '../../src/schemas/evidence.js';

/** The stored values an error answer must not show: strings of 6+ characters, the id excepted. */
function storedValues(destination: Record<string, unknown>, id: string): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (key !== 'id' && value !== id && value.length >= 6) out.push(value);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (isRecord(value)) for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(destination, '');
  return [...new Set(out)];
}

/**
 * The documented update, then a refused call: it must be refused, show none of the stored data,
 * and change nothing. Where the vendor has a no-op read (PATCH: RFC 5789 §2), a second refused call
 * carries the documented body with every text field marked (./refusal-markers.ts), and the state is
 * read back: the documented body alone could not show a refusal applied anyway, being what is stored
 * already, and a marked value showing up in any later answer is the refusal applied (the law).
 */
interface Refusal {
  readonly name: string;
  readonly evidence: Evidence;
  readonly statuses: readonly number[];
  /** How the refused call differs from a valid one (the same for every call of one run). */
  request(context: ProbeContext): Omit<ProbeCall, 'body'>;
  /** What was refused, as the messages name it. */
  readonly what: string;
}

function refusedWithoutExposure(spec: Refusal): Probe {
  return {
    name: spec.name,
    evidence: spec.evidence,
    async run(context) {
      const documented = documentedExample(context.module).body;
      const first = await context.call({ body: documented });
      const failure = expectSuccess('the documented update', first);
      if (failure) return failure;
      const refusal = spec.request(context);
      const refused = await context.call({ ...refusal, body: documented });
      if (!spec.statuses.includes(refused.status)) {
        return fail(`${spec.what} was answered HTTP ${refused.status}, expected ${spec.statuses.join(' or ')}`, { status: spec.statuses }, { status: refused.status });
      }
      const stored = storedValues(destinationOf(context.vendor, first) ?? {}, context.target.ids.destinationId ?? '');
      return exposureIn(refused, stored, documented, spec.what) ?? (await markedRefusal(context, spec, refusal, first, documented, stored)) ?? (await notCreatedBy(context, spec, refusal)) ?? pass();
    },
  };
}

/**
 * The stored data an error answer shows (OWASP API3), but what the refused request carried itself: an
 * error body may echo the request (no page documents error bodies), which is no exposure.
 */
function exposureIn(refused: ProbeResponse, stored: readonly string[], sent: unknown, what: string) {
  const carried = JSON.stringify(sent);
  const exposed = stored.filter((value) => refused.text.includes(value) && !carried.includes(JSON.stringify(value).slice(1, -1)));
  if (exposed.length === 0) return undefined;
  return fail(`data exposure: the ${refused.status} answer to ${what} shows the destination's stored data (${exposed.length} value${exposed.length === 1 ? '' : 's'})`, 'no stored field in an error answer', `${exposed.length} stored value(s) in the body`);
}

/**
 * The second refused call of refusedWithoutExposure: every text field marked, so that the stored data an
 * echo of it would show is the provider's own, and so that the refusal applied shows later (law 2); then,
 * where the vendor has a no-op read, the state read back.
 */
async function markedRefusal(context: ProbeContext, spec: Refusal, refusal: Omit<ProbeCall, 'body'>, before: ProbeResponse, documented: unknown, stored: readonly string[]) {
  const { body, markers } = markedForRefusal(context.vendor, documented);
  if (markers.length === 0) return undefined;
  const refused = await context.call({ ...refusal, body });
  if (refused.status < 300) {
    await context.call({ body: documented });
    return fail(`${spec.what} with a changed body was answered HTTP ${refused.status}: the change was accepted`);
  }
  context.refused(markers, spec.what);
  const exposed = exposureIn(refused, stored, body, `${spec.what} (with a changed body)`);
  if (exposed) return exposed;
  const changed = await refusalChangedNothing(context, before, body, `after ${spec.what}`);
  if (!changed) return undefined;
  await context.call({ body: documented });
  return changed;
}

/**
 * A refusal about other ids (an unknown destination, another project) must not have created what it
 * named: the no-op update of those ids is still refused. A 404 that stores the update anyway (an
 * upsert behind a refusal) is a refused request that changed something (RFC 5789 §2).
 */
async function notCreatedBy(context: ProbeContext, spec: Refusal, refusal: Omit<ProbeCall, 'body'>) {
  const emptyUpdate = context.module.semantics.readBack?.emptyUpdate;
  if (refusal.ids === undefined || emptyUpdate === undefined) return undefined;
  const again = await context.call({ body: emptyUpdate, ids: refusal.ids });
  if (again.status >= 300) return undefined;
  return fail(`${spec.what} was refused, yet what it named exists now: the no-op update of the same ids was answered HTTP ${again.status} (RFC 5789 §2)`, { status: '4xx' }, { status: again.status });
}

export function identityProbes(module: VendorModule): readonly Probe[] {
  const vendor = module.definition;
  return [
    {
      name: 'the answer is about the destination asked for (its id is the path\'s id)',
      evidence: page(`${vendor.seedFile}: the answer is the updated destination, whose id the path names (a uuid in any letter case: RFC 9562 §4)`),
      async run({ call, target }) {
        const response = await call({ body: documentedExample(module).body });
        const failure = expectSuccess('the documented update', response);
        if (failure) return failure;
        const id = destinationOf(vendor, response)?.id;
        if (id === undefined || id === null) return skip('the answer carries no destination id');
        if (!sameId(id, target.ids.destinationId ?? '')) return fail(`the answer is about another destination: id ${JSON.stringify(id)}, asked for ${JSON.stringify(target.ids.destinationId)}`, { id: target.ids.destinationId }, { id });
        return pass();
      },
    },
    refusedWithoutExposure({
      name: 'a request without credentials is refused (401/403)',
      evidence: page('Authorizations: the auth header is required'),
      statuses: [401, 403],
      what: 'a request without credentials',
      request: () => ({ withoutCredentials: true }),
    }),
    refusedWithoutExposure({
      name: 'a wrong credential is refused (401/403), exposing no destination data',
      evidence: security(`${vendor.seedFile}: the credential is required (Authorizations); a wrong one sees no data (OWASP API2, API3)`),
      statuses: [401, 403],
      what: 'a well-formed wrong credential',
      request: () => ({ wrongCredential: true }),
    }),
    // Law 6: a credential is compared exactly; one spelled almost right is another credential.
    refusedWithoutExposure({
      name: 'the credential with its letters in another case is refused (401/403)',
      evidence: security(`${vendor.seedFile}: the credential is required (Authorizations); a credential is compared exactly, letter case included (OWASP API2)`),
      statuses: [401, 403],
      what: 'the credential with its letter case flipped',
      request: () => ({ nearMiss: 'case' }),
    }),
    refusedWithoutExposure({
      name: 'the credential with one character changed is refused (401/403)',
      evidence: security(`${vendor.seedFile}: the credential is required (Authorizations); a credential is compared exactly, every character (OWASP API2)`),
      statuses: [401, 403],
      what: 'the credential with its last character changed',
      request: () => ({ nearMiss: 'one-character' }),
    }),
    refusedWithoutExposure({
      name: 'an unknown id is refused (404/400), exposing no destination data',
      evidence: security('an update of a destination that does not exist cannot succeed, and shows no stored data (OWASP API3)'),
      statuses: [404, 400],
      what: 'an unknown destination id',
      request: ({ target }) => ({ ids: { destinationId: freshMissingId(target.ids.destinationId ?? '') } }),
    }),
    ...(vendor.pathParameters.some((p) => p.inputKey === 'projectIdOrName')
      ? [
          refusedWithoutExposure({
            name: 'a destination asked for under another project is refused (404/403), exposing no destination data',
            evidence: security(`${vendor.seedFile}: the destination belongs to the project the path names (OWASP API1)`),
            statuses: [404, 403],
            what: 'the destination under another project',
            request: () => ({ ids: { projectIdOrName: `destconf-other-project-${Date.now()}` } }),
          }),
        ]
      : []),
  ];
}
