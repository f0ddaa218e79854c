/**
 * Ports for Pact mock servers that this process has never used. A client keeps idle keep-alive
 * sockets per origin (Node's fetch does): when the OS hands a new mock server the port of a
 * previous one, the client may send its request down a socket still served by the previous
 * server, and the new one never sees it. A fresh port per mock server rules that out, whatever
 * the client under test does.
 */
import { createServer } from 'node:net';

const used = new Set<number>();

export async function freshPort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, host, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port > 0 && !used.has(port)) {
      used.add(port);
      return port;
    }
  }
  throw new Error('no unused port for the Pact mock server');
}
