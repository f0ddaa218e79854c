/**
 * Marked bodies for refused requests (law 2, "a refused request changes nothing, then or later"):
 * every text field of a body that a refusal carries gets a value of its own that no other request of
 * the run sends (random, of the field's form: plain text, a uuid, an https URL, an e-mail address).
 * If any of them ever shows up in a later 2xx answer — applied late, applied in part, applied to a
 * nested field only, or hidden from the first read — the refused request changed the destination.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { isRecord, leafPointers, pointerGet, pointerSegments, secretPointers } from '../../src/schemas/walk.js';
import { withPath } from '../../src/semantics/json.js';
import { validate } from '../../src/validate/index.js';
import type { VendorDefinition } from '../../src/vendors/types.js';

/** A value a refusal carries, and the text that gives it away in an answer (compared in any letter case). */
export interface RefusalMarker {
  readonly pointer: string;
  readonly token: string;
}

/** Values of a field's possible forms, each holding one random token: the first the schema accepts is used. */
function candidates(): { readonly value: string; readonly token: string }[] {
  const token = `destconf-refused-${randomBytes(6).toString('hex')}`;
  const uuid = randomUUID();
  return [
    { value: token, token },
    { value: uuid, token: uuid },
    { value: `https://${token}.example.com/`, token },
    { value: `${token}@example.com`, token },
  ];
}

/**
 * `body` with each of its non-secret text fields given a marker value, one field at a time, kept only
 * where the body stays exactly as conforming as it was: the same errors (none for a refused credential;
 * the broken rule of an invalid body) and no warning it did not have (a marker that is not a URL where an
 * example shows one would give a provider a reason to refuse that the refusal under test is not about).
 * Fields named by `except` (the invalid one) are left as they are.
 */
export function markedForRefusal(vendor: VendorDefinition, body: unknown, except: readonly string[] = []): { readonly body: unknown; readonly markers: readonly RefusalMarker[] } {
  if (!isRecord(body)) return { body, markers: [] };
  const findings = (document: unknown) => {
    const result = validate(vendor, 'request', document);
    return { errors: new Set(result.errors.map((e) => e.path)), warnings: new Set(result.warnings.map((w) => w.path)) };
  };
  const original = findings(body);
  const keeps = (candidate: unknown) => {
    const now = findings(candidate);
    return now.errors.size === original.errors.size && [...now.errors].every((p) => original.errors.has(p)) && [...now.warnings].every((p) => original.warnings.has(p));
  };
  const secret = new Set(secretPointers(vendor.schemas.request, body, vendor.isSecretOpenKey));
  let marked: Record<string, unknown> = body;
  const markers: RefusalMarker[] = [];
  for (const pointer of leafPointers(body)) {
    if (typeof pointerGet(body, pointer) !== 'string' || secret.has(pointer) || except.some((e) => pointer === e || pointer.startsWith(`${e}/`))) continue;
    for (const { value, token } of candidates()) {
      const candidate = withPath(marked, pointerSegments(pointer), value);
      if (!keeps(candidate)) continue;
      marked = candidate;
      markers.push({ pointer, token });
      break;
    }
  }
  return { body: marked, markers };
}

/** Where in an answer's text a marker shows (any letter case: a provider may store a uuid upper-cased). */
export function markerIn(text: string, marker: RefusalMarker): boolean {
  return text.toLowerCase().includes(marker.token.toLowerCase());
}
