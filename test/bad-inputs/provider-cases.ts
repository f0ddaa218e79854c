/**
 * Bad provider answers for the probes of `verify`: every case must give failed checks with a
 * message, never a crash, a hang or a false pass, and must not pollute a prototype.
 */
export interface ProviderCase {
  readonly name: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string | (() => string);
}

const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

export const PROVIDER_CASES: readonly ProviderCase[] = [
  { name: 'plain text with 200', status: 200, contentType: 'text/plain', body: 'OK' },
  { name: 'an HTML error page with 200', status: 200, contentType: 'text/html', body: '<html><body>Gateway error</body></html>' },
  { name: 'an empty body with 200', status: 200, contentType: 'application/json', body: '' },
  { name: 'truncated JSON with 200', status: 200, contentType: 'application/json', body: '{"status":"success","data":{"destin' },
  { name: 'a JSON array with 200', status: 200, contentType: 'application/json', body: '[]' },
  { name: 'JSON null with 200', status: 200, contentType: 'application/json', body: 'null' },
  { name: 'a JSON string with 200', status: 200, contentType: 'application/json', body: '"ok"' },
  { name: 'NaN-like literals with 200', status: 200, contentType: 'application/json', body: '{"id":NaN,"count":Infinity}' },
  { name: 'huge numbers with 200', status: 200, contentType: 'application/json', body: '{"id":1e400,"tasks":[123456789012345678901234567890]}' },
  { name: '__proto__ keys with 200', status: 200, contentType: 'application/json', body: '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}' },
  { name: '10,000-deep JSON with 200', status: 200, contentType: 'application/json', body: () => deep(10_000) },
  { name: 'a 5 MB body with 200', status: 200, contentType: 'application/json', body: () => JSON.stringify({ padding: 'x'.repeat(5 * 1024 * 1024) }) },
  { name: 'JSON with a BOM with 200', status: 200, contentType: 'application/json', body: '\ufeff{"id":1}' },
  { name: 'a wrong content type with 200', status: 200, contentType: 'application/xml', body: '<destination/>' },
  { name: 'every answer 500', status: 500, contentType: 'application/json', body: '{"error":"internal"}' },
  { name: 'every answer 503 with HTML', status: 503, contentType: 'text/html', body: '<h1>Service Unavailable</h1>' },
  { name: 'every answer 429', status: 429, contentType: 'application/json', body: '{"error":"rate limited"}' },
  { name: 'every answer 404', status: 404, contentType: 'application/json', body: '{"error":"not found"}' },
  { name: 'every answer 301', status: 301, contentType: 'text/plain', body: 'moved' },
  { name: 'every answer 204', status: 204, contentType: 'application/json', body: '' },
  { name: 'every answer 200 with an empty object', status: 200, contentType: 'application/json', body: '{}' },
  { name: 'every answer 200 with control characters', status: 200, contentType: 'application/json', body: '{"id":"\u0001\u0002"}' },
  { name: 'every answer 401 (auth always refused)', status: 401, contentType: 'application/json', body: '{"error":"unauthorized"}' },
  { name: 'every answer 400 (all refused)', status: 400, contentType: 'application/json', body: '{"error":"bad"}' },
  { name: 'invalid UTF-8 with 200', status: 200, contentType: 'application/json', body: '{"id":"\udc00"}' },
];
