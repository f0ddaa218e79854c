/**
 * The laws of a provider: rules judged on every answer the run receives, whichever probe asked,
 * not in one example probe each. A deviation in a form no probe looks for (a secret echoed by an
 * error answer, a creation timestamp moving under an unrelated update) is still seen.
 */
import { page, rfcMust, rfcShould, security, type Evidence } from '../../src/schemas/evidence.js';
import { markerIn, type RefusalMarker } from './refusal-markers.js';
import { drift, validate, type DriftItem } from '../../src/validate/index.js';
import { secretIn } from '../../src/util/secret-forms.js';
import type { VendorDefinition } from '../../src/vendors/types.js';
import { destinationOf, instantOf, isSuccess, sameId, sameInstant, type ProbeResponse } from './answers.js';

/** The laws' names (`--only` selects them before the probes run). */
export const LAWS = {
  secrets: 'law: no credential or secret comes back in any answer',
  answers: 'law: every 2xx answer is the documented destination asked for',
  time: 'law: the creation timestamp never moves, the update timestamp never precedes it nor goes back',
  names: 'law: no name appears twice in one JSON object of an answer',
  refusals: 'law: a refused request changes nothing, then or later',
} as const;
export const LAW_NAMES: readonly string[] = Object.values(LAWS);

export interface LawResult {
  readonly name: string;
  readonly evidence: Evidence;
  readonly status: 'passed' | 'warning' | 'failed' | 'skipped';
  readonly message: string;
  readonly curl?: string;
  /** The first answer that broke the law, as received (reports show it; the redactor masks secrets). */
  readonly actual?: unknown;
  /** Undocumented response fields seen (each pointer once). */
  readonly drift?: readonly DriftItem[];
}

/** One answer, with what the run asked for to get it. */
export interface Observation {
  readonly answer: ProbeResponse;
  /** The path ids the request named (the configured ones, or a probe's others). */
  readonly ids: Readonly<Record<string, string>>;
  /** Whether the request was about the configured destination (not an unknown id or another project). */
  readonly ownDestination: boolean;
  /** Whether the page says this answer shows secret values (Streamkap's secret_returned=true). */
  readonly revealsPlanted: boolean;
  /** The request, as a curl command with every credential masked. */
  readonly curl: string;
}

export interface Law {
  observe(observation: Observation): void;
  result(): LawResult;
}

/** A value a refused request carried: it must never show up in a 2xx answer afterwards. */
export interface RefusedValue extends RefusalMarker {
  /** The refused request, as the messages name it. */
  readonly what: string;
}

/** A refused request of the Pact replay that a read-back after it found applied. */
export interface ReplayChange {
  readonly message: string;
  readonly curl: string;
  /** The refusal's answer. */
  readonly answer: ProbeResponse;
}

/** The laws that apply to this vendor, fresh for one run; `refused` grows as the run's refusals are answered. */
export function lawsFor(
  vendor: VendorDefinition,
  secrets: { readonly credential: string; readonly planted: readonly string[] },
  refused: { readonly values: readonly RefusedValue[]; readonly replayChanges: readonly ReplayChange[] },
): Law[] {
  const { timestamps } = vendor;
  return [
    secretsNeverComeBack(secrets.credential, secrets.planted),
    refusalsLeaveNoTrace(refused),
    onBothReadings(() => answersJudgedInFull(vendor)),
    ...(timestamps ? [onBothReadings(() => timeMovesOneWay(vendor, timestamps))] : []),
    namesAppearOnce(),
  ];
}

const RANK = { skipped: 0, passed: 1, warning: 2, failed: 3 } as const;

/**
 * Law 5's second half: an answer whose repeated names differ has two readings (JSON.parse keeps the
 * last value, other parsers the first), and a law broken under either is broken. One instance of the
 * law follows each reading through the whole run (a stateful law such as time's compares one reading
 * with itself); the worse verdict is the law's, saying which reading broke it.
 */
function onBothReadings(make: () => Law): Law {
  const asLast = make();
  const asFirst = make();
  let twoReadings = false;
  return {
    observe(observation) {
      asLast.observe(observation);
      const { firstReading } = observation.answer;
      if (firstReading === undefined) return asFirst.observe(observation);
      twoReadings = true;
      asFirst.observe({ ...observation, answer: { ...observation.answer, body: firstReading } });
    },
    result() {
      const last = asLast.result();
      if (!twoReadings) return last;
      const first = asFirst.result();
      if (RANK[first.status] <= RANK[last.status]) return last;
      return { ...first, message: `${first.message}, reading the first of each repeated name as some JSON parsers do (RFC 8259 §4)` };
    },
  };
}

/**
 * What a law has seen: how many answers it judged and its findings, errors and warnings apart,
 * each kept once (five at most: one deviation repeated on every answer is one finding).
 */
function findings(name: string, evidence: Evidence, judgedWhat: string) {
  let judged = 0;
  const errors: string[] = [];
  const warnings: string[] = [];
  let first: { curl: string; answer: ProbeResponse } | undefined;
  const driftSeen = new Map<string, DriftItem>();
  const add = (into: string[], message: string, where: { curl: string; answer: ProbeResponse }) => {
    if (into.includes(message) || into.length >= 5) return;
    into.push(message);
    if (into === errors) first ??= where;
  };
  return {
    judged: () => void judged++,
    error: (message: string, where: { curl: string; answer: ProbeResponse }) => add(errors, message, where),
    warning: (message: string, where: { curl: string; answer: ProbeResponse }) => add(warnings, message, where),
    drift: (items: readonly DriftItem[]) => items.forEach((item) => driftSeen.set(item.path, item)),
    result(): LawResult {
      if (judged === 0) return { name, evidence, status: 'skipped', message: `no ${judgedWhat} was received to judge` };
      const on = `on ${judged} ${judged === 1 ? judgedWhat : judgedWhat.replace(/answer/, 'answers')}`;
      const drifted = driftSeen.size > 0 ? { drift: [...driftSeen.values()] } : {};
      // Undocumented fields, once over every answer (each answer may show a few of them).
      const warned = [...warnings, ...(driftSeen.size > 0 ? [`undocumented fields (drift): ${[...driftSeen.keys()].slice(0, 8).join(', ')}`] : [])];
      if (errors.length > 0) return { name, evidence, status: 'failed', message: `${errors.join('; ')} (${on})`, curl: first!.curl, actual: first!.answer.body, ...drifted };
      if (warned.length > 0) return { name, evidence, status: 'warning', message: `${warned.join('; ')} (${on})`, ...drifted };
      return { name, evidence, status: 'passed', message: `checked ${on}` };
    },
  };
}

/**
 * Law 1: no credential of the run and no planted secret comes back in any answer (2xx or error,
 * body or headers), in any spelling the redactor knows. Planted secrets are exempt only where the
 * page says the answer shows them (Streamkap's secret_returned=true).
 */
function secretsNeverComeBack(credential: string, planted: readonly string[]): Law {
  const seen = findings(LAWS.secrets, security('credentials and secrets never come back, in any answer, in any spelling'), 'answer');
  return {
    observe({ answer, revealsPlanted, curl }) {
      seen.judged();
      const secrets = [['the credential', credential] as const, ...(revealsPlanted ? [] : planted.map((p) => ['a planted secret', p] as const))];
      for (const [what, secret] of secrets) {
        for (const [where, text] of [['body', answer.text], ['headers', answer.headers]] as const) {
          const how = secretIn(text, secret);
          if (how) seen.error(`secret shown: ${what} (${how}) in the ${where} of an HTTP ${answer.status} answer`, { curl, answer });
        }
      }
    },
    result: () => seen.result(),
  };
}

/**
 * Law 2: a refused request changes nothing (RFC 5789 §2), then or later. Each refusal the probes provoke
 * carries values no other request sends (./refusal-markers.ts); one of them in any later 2xx answer means
 * the refusal was applied — at once or late, in full or in part, to whichever field. The probes' own
 * read-back right after each refusal sees what changed in the fields that cannot carry a marker.
 */
function refusalsLeaveNoTrace(refused: { readonly values: readonly RefusedValue[]; readonly replayChanges: readonly ReplayChange[] }): Law {
  const seen = findings(LAWS.refusals, rfcMust('RFC 5789 §2: "If the entire patch document cannot be successfully applied, then the server MUST NOT apply any of the changes"'), '2xx answer after a refusal');
  return {
    observe({ answer, curl }) {
      if (!isSuccess(answer) || refused.values.length === 0) return;
      seen.judged();
      for (const value of refused.values) {
        if (markerIn(answer.text, value)) seen.error(`a refused request changed the destination (RFC 5789 §2): the value sent at ${value.pointer} with ${value.what}, which was refused, shows up in a later HTTP ${answer.status} answer`, { curl, answer });
      }
    },
    result() {
      // The Pact replay's refusals, each read back after it and once more at the end (ProbeContext.observe, lastLookAfterReplay).
      for (const change of refused.replayChanges) {
        seen.judged();
        seen.error(change.message, change);
      }
      return seen.result();
    },
  };
}

/**
 * Law 4: every 2xx answer is judged in full, not only a probe's first: the response schema, which
 * holds the page's sentences about a destination too (Redox's HTTPS rule; its errors fail, what lies
 * beyond the docs warns), and the id, which must be the one the request named.
 */
function answersJudgedInFull(vendor: VendorDefinition): Law {
  const seen = findings(
    LAWS.answers,
    page(`${vendor.seedFile}: the response's field list (required fields, types, formats, enums), the page's sentences about a destination, and the answer is the destination the path names`),
    '2xx answer',
  );
  return {
    observe({ answer, ids, curl }) {
      if (!isSuccess(answer)) return;
      seen.judged();
      const where = { curl, answer };
      const result = validate(vendor, 'response', answer.body);
      for (const issue of result.errors.slice(0, 3)) seen.error(`a 2xx answer breaks the documented schema: ${issue.message}`, where);
      for (const issue of result.warnings.slice(0, 3)) seen.warning(`a 2xx answer goes beyond what the page states: ${issue.message}`, where);
      const undocumented = drift(vendor, answer.body);
      seen.drift(undocumented);
      if (!result.valid) return;
      const id = destinationOf(vendor, answer)?.id;
      const asked = ids.destinationId;
      if (id !== undefined && id !== null && asked !== undefined && !sameId(id, asked)) seen.error(`a 2xx answer is about another destination: id ${JSON.stringify(id)}, the path named ${JSON.stringify(asked)}`, where);
    },
    result: () => seen.result(),
  };
}

/**
 * Law 3: timestamps are instants (compared as such: RFC 3339 §5.6 allows any offset). Over every 2xx
 * answer about the configured destination, the creation timestamp never moves, and the update
 * timestamp never precedes it nor goes back from one answer to the next.
 */
function timeMovesOneWay(vendor: VendorDefinition, fields: NonNullable<VendorDefinition['timestamps']>): Law {
  const seen = findings(
    LAWS.time,
    page(`${vendor.seedFile}: ${fields.created} is the creation timestamp${fields.updated ? ` and ${fields.updated} the time of the last update` : ''}`),
    '2xx answer about the configured destination',
  );
  let created: unknown;
  let lastUpdated = Number.NaN;
  return {
    observe({ answer, ownDestination, curl }) {
      if (!isSuccess(answer) || !ownDestination) return;
      const destination = destinationOf(vendor, answer);
      if (!destination) return;
      seen.judged();
      const where = { curl, answer };
      const createdNow = destination[fields.created];
      if (createdNow !== undefined && createdNow !== null) {
        if (created === undefined) created = createdNow;
        else if (!sameInstant(created, createdNow)) seen.error(`${fields.created} moved: ${String(created)} → ${String(createdNow)}`, where);
      }
      if (!fields.updated) return;
      const updated = instantOf(destination[fields.updated]);
      if (Number.isNaN(updated)) return;
      if (updated < instantOf(createdNow)) seen.error(`${fields.updated} ${String(destination[fields.updated])} precedes ${fields.created} ${String(createdNow)}`, where);
      if (updated < lastUpdated) seen.error(`${fields.updated} went back: ${new Date(lastUpdated).toISOString()} → ${String(destination[fields.updated])}`, where);
      lastUpdated = Math.max(Number.isNaN(lastUpdated) ? updated : lastUpdated, updated);
    },
    result: () => seen.result(),
  };
}

/**
 * Law 5's first half: RFC 8259 §4, "The names within an object SHOULD be unique" (a warning). Where
 * the repeated values differ, software that receives the answer "is unpredictable": the other laws
 * are judged on both readings (see onBothReadings), and this one says where the readings part.
 */
function namesAppearOnce(): Law {
  const seen = findings(LAWS.names, rfcShould('RFC 8259 §4: "The names within an object SHOULD be unique."'), 'JSON answer');
  // Each repeated name once, however many answers repeat it; "different values" if any answer's readings part.
  const repeated = new Map<string, { readonly text: string; differs: boolean; readonly where: { curl: string; answer: ProbeResponse } }>();
  return {
    observe({ answer, curl }) {
      if (answer.repeatedNames === undefined) return;
      seen.judged();
      for (const { name, pointer } of answer.repeatedNames) {
        const text = `${JSON.stringify(name)} appears twice in the object at ${pointer || '/'} of an HTTP ${answer.status} answer`;
        const entry = repeated.get(text) ?? { text, differs: false, where: { curl, answer } };
        entry.differs ||= answer.firstReading !== undefined;
        repeated.set(text, entry);
      }
    },
    result() {
      for (const { text, differs, where } of repeated.values()) {
        seen.warning(`${text}, ${differs ? 'with different values, so parsers that keep the first and those that keep the last read different answers' : 'with the same value twice'}`, where);
      }
      repeated.clear();
      return seen.result();
    },
  };
}
