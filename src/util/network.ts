/** Naming network failures the way a user looks for them. */
import { connect } from 'node:net';

/** What went wrong on the wire, in the words a user looks for. */
export function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = e.cause?.code ?? (e as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  // fetch refuses the ports of other protocols (the Fetch standard's "bad ports": 1, 9, 25, 6000, …).
  if (e.cause?.message === 'bad port') return 'fetch does not connect to this port: it is reserved for another protocol (the Fetch standard\'s "bad ports")';
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

/** Why nothing accepts a TCP connection at `url`'s host and port, or undefined when something does. */
export function unconnectableReason(url: string, timeoutMs: number): Promise<string | undefined> {
  const { hostname, port, protocol } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || (protocol === 'https:' ? 443 : 80)) });
    const done = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no connection within ${timeoutMs} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error) => done(networkReason(Object.assign(new Error(error.message), { cause: error }), timeoutMs)));
  });
}
