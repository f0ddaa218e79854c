/** Naming network failures the way a user looks for them. */

/** What went wrong on the wire, in the words a user looks for. */
export function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = e.cause?.code ?? (e as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no complete answer within ${timeoutMs} ms`;
  return `${e.message}${e.cause?.message ? ` (${e.cause.message})` : ''}`;
}

/**
 * Why `url` cannot be reached, or undefined when it answers anything at all (any status) to a GET
 * that carries no credential.
 */
export async function unreachableReason(url: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return undefined;
  } catch (error) {
    return networkReason(error, timeoutMs);
  }
}
