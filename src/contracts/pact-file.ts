/** Reading what the suite needs of a Pact file (V4), wherever it comes from: a folder or a broker. */

/** The request body of each interaction of a pact document (V4: `request.body.content`). */
export function requestsOf(pact: unknown): { description: string; body: unknown }[] {
  const interactions = ((pact as { interactions?: unknown[] } | null)?.interactions ?? []) as { description?: unknown; request?: { body?: { content?: unknown } | unknown } }[];
  return interactions
    .filter((i): i is typeof i & { description: string } => typeof i.description === 'string')
    .map((i) => {
      const body = i.request?.body;
      return { description: i.description, body: typeof body === 'object' && body !== null && 'content' in body ? (body as { content: unknown }).content : body };
    });
}
