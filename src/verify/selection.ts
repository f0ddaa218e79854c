/**
 * `verify --only`: what runs is chosen before anything is sent, not filtered from what ran. A
 * probe runs when its name matches; every probe runs when a law matches (a law is judged on every
 * answer the probes get); the Pact verifier replays only the matching interactions, and is not
 * started when none matches. A pattern that selects nothing runs nothing (the CLI makes it a usage
 * error: a typo in CI must not turn into a green build).
 */
import { readFileSync } from 'node:fs';
import { requestsOf } from '../contracts/pact-file.js';
import { matchesOnly } from '../report/types.js';
import { LAW_NAMES, type Probe } from '../../suites/provider/probe.js';

export interface VerifySelection {
  /** Whether this probe is sent. */
  readonly probe: (probe: Probe) => boolean;
  /** The interactions of a pact to replay (a pact file, or the descriptions of a broker's pact): undefined for all of them, [] for none. */
  readonly interactions: (pact: string | readonly string[]) => readonly string[] | undefined;
}

const EVERYTHING: VerifySelection = { probe: () => true, interactions: () => undefined };

/** What `only` selects among these probes and pacts; undefined when it selects nothing. */
export function selectChecks(only: string | undefined, probes: readonly Probe[], pacts: readonly (string | readonly string[])[]): VerifySelection | undefined {
  if (only === undefined) return EVERYTHING;
  const lawSelected = LAW_NAMES.some((name) => matchesOnly(name, only));
  const wholePact = matchesOnly('pact: verification', only) || matchesOnly('pact: pact verification', only);
  // Each pact file is read once: the choice is made here and used again when the jobs are built.
  const chosen = new Map<string, readonly string[]>();
  const matching = (descriptions: readonly string[]) => descriptions.filter((d) => matchesOnly(`pact: ${d}`, only));
  const selection: VerifySelection = {
    probe: (probe) => lawSelected || matchesOnly(`probe: ${probe.name}`, only),
    interactions: (pact) => {
      if (wholePact) return undefined;
      if (typeof pact !== 'string') return matching(pact);
      if (!chosen.has(pact)) chosen.set(pact, matching(interactionsOf(pact)));
      return chosen.get(pact);
    },
  };
  const anything = probes.some(selection.probe) || pacts.some((pact) => selection.interactions(pact)?.length !== 0);
  return anything ? selection : undefined;
}

/** The interaction descriptions of a pact file (none when it cannot be read: the run says it is missing). */
function interactionsOf(pactFile: string): string[] {
  try {
    const pact = JSON.parse(readFileSync(pactFile, 'utf8')) as { interactions?: { description?: unknown }[] };
    return (pact.interactions ?? []).map((i) => i.description).filter((d): d is string => typeof d === 'string');
  } catch {
    return [];
  }
}

/**
 * The Pact core's description filter (PACT_DESCRIPTION) is a Rust regex matched anywhere in the
 * description: anchor it and escape what the regex crate's `escape` escapes.
 */
export function descriptionFilter(descriptions: readonly string[]): string {
  return `^(?:${descriptions.map((d) => d.replace(/[\\.+*?()|[\]{}^$#&\-~]/g, '\\$&')).join('|')})$`;
}

/** The request body of each interaction of a pact file (a live replay leaves out those that would write a secret). */
export function pactRequests(pactFile: string): { description: string; body: unknown }[] {
  try {
    return requestsOf(JSON.parse(readFileSync(pactFile, 'utf8')));
  } catch {
    return [];
  }
}
