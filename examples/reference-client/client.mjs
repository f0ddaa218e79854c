// A small client for the "update a destination" endpoint of five vendors, on Node's fetch.
// It is what a team would write by hand from the vendor docs; `destconf check-client` holds it to
// the contracts (see adapter.mjs).

/** A non-2xx answer: `status` and the parsed JSON `body` (or its text). */
export class ApiError extends Error {
  constructor(status, body) {
    super(`HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

async function send({ method, url, headers, body }) {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify(body),
    // fetch would carry X-API-KEY along a redirect to another origin: never follow one.
    redirect: 'manual',
  });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

const bearer = (token) => (token ? { Authorization: `Bearer ${token}` } : {});
const apiKey = (name, key) => (key ? { [name]: key } : {});
const segment = (value) => encodeURIComponent(String(value));

function queryString(params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function streamkapClient({ baseUrl, credentials = {} }) {
  return {
    updateDestination: ({ destinationId, body, query }) =>
      send({
        method: 'PUT',
        url: `${baseUrl}/destinations/${segment(destinationId)}${queryString(query)}`,
        headers: bearer(credentials.token),
        body,
      }),
  };
}

export function stitchClient({ baseUrl, credentials = {} }) {
  return {
    updateDestination: ({ destinationId, body }) =>
      send({ method: 'PUT', url: `${baseUrl}/v3/destinations/${segment(destinationId)}`, headers: bearer(credentials.token), body }),
  };
}

export function prequelClient({ baseUrl, credentials = {} }) {
  return {
    updateDestination: ({ destinationId, body }) =>
      send({ method: 'PATCH', url: `${baseUrl}/destinations/${segment(destinationId)}`, headers: apiKey('X-API-KEY', credentials.apiKey), body }),
  };
}

export function ampersandClient({ baseUrl, credentials = {} }) {
  return {
    updateDestination: ({ projectIdOrName, destinationId, body }) =>
      send({
        method: 'PATCH',
        url: `${baseUrl}/v1/projects/${segment(projectIdOrName)}/destinations/${segment(destinationId)}`,
        headers: apiKey('X-Api-Key', credentials.apiKey),
        body,
      }),
  };
}

export function redoxClient({ baseUrl, credentials = {} }) {
  return {
    updateDestination: ({ destinationId, body }) =>
      send({ method: 'PATCH', url: `${baseUrl}/platform/v1/destinations/${segment(destinationId)}`, headers: bearer(credentials.token), body }),
  };
}
