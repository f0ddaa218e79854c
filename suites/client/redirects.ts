/**
 * A provider that redirects to another origin: the client must not carry the credential there.
 * Fetch drops `Authorization` on a cross-origin redirect but not custom headers such as
 * `X-API-KEY` (../shared/VENDOR-NOTES.md); a client that follows redirects must strip or refuse them
 * itself. Whether it follows, refuses or rejects is its business; a same-origin redirect too.
 */
import { documentedExample } from '../../src/contracts/index.js';
import { inputOf } from '../../src/contracts/client.js';
import type { CheckResult } from '../../src/report/types.js';
import { BASE_PATH, callClient, scenarioResult, type ScenarioContext } from './context.js';

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

export const redirectResultName = (status: number) => `does not send the credential to another origin after a ${status} redirect`;

export async function crossOriginRedirectScenario(context: ScenarioContext, status: number): Promise<CheckResult> {
  const { vendor, recorder, elsewhere } = context;
  const started = performance.now();
  elsewhere.script({ status: 200, body: {} });
  recorder.script({ status, body: {}, headers: { location: `${elsewhere.origin}/collected${BASE_PATH}` } });
  await callClient(context, `${recorder.origin}${BASE_PATH}`, inputOf(vendor, documentedExample(context.module)));
  const secret = context.credentials[vendor.auth.credential]!;
  const carried = elsewhere.recorded.flatMap((request) =>
    Object.entries(request.headers).filter(([, value]) => (Array.isArray(value) ? value.join(',') : String(value ?? '')).includes(secret)).map(([name]) => name),
  );
  const name = redirectResultName(status);
  if (carried.length === 0) return scenarioResult(context, name, 'passed', started);
  return scenarioResult(context, name, 'failed', started, {
    message: `credential sent to another origin: redirected (HTTP ${status}) to ${elsewhere.origin}, the client followed with the credential in ${[...new Set(carried)].join(', ')}`,
  });
}
