import { Command, Option } from 'commander';
import { signalsOwnedByCommand } from '../../util/interrupt.js';
import { UsageError } from '../../util/errors.js';
import type { Catalogue } from '../../vendors/catalogue.js';
import { jsonOption } from '../options.js';
import { printJson, type Output } from '../output.js';

export function sandboxCommand(output: Output, catalogue: Catalogue): Command {
  return new Command('sandbox')
    .summary('serve the reference sandbox (all five vendors)')
    .description('Serve the five update endpoints on one port, each under /<vendor>, until SIGINT or SIGTERM.')
    .addOption(new Option('--port <port>', 'port to listen on (0: any free port)').default('4010'))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .addOption(jsonOption())
    .action(async (options: { port: string; host: string; json?: boolean }) => {
      // An empty host makes node listen on every interface: the sandbox's credentials are public.
      if (options.host.trim() === '') throw new UsageError('--host is empty: give an address to listen on (the default is 127.0.0.1; 0.0.0.0 for every interface)');
      if (!/^\d+$/.test(options.port) || Number(options.port) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got ${options.port}`);
      const { startSandbox } = await import('../../sandbox/server.js');
      let sandbox;
      try {
        sandbox = await startSandbox({ vendors: catalogue.modules, port: Number(options.port), host: options.host });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(code === 'EADDRINUSE' ? `port ${options.port} is in use; pick another with --port` : `cannot listen: ${(error as Error).message}`);
      }
      const { documentedExample } = await import('../../contracts/index.js');
      const { buildFromInput, urlFor } = await import('../../builders/index.js');
      const vendors = catalogue.modules.map((module) => {
        const { definition: v, sandbox: behaviour } = module;
        const seeded = behaviour.seed().map((s) => s.params);
        const documented = documentedExample(module);
        const built = buildFromInput(v, { ...documented.params, body: documented.body }, { [v.auth.credential]: behaviour.credential });
        const header = v.auth.kind === 'bearer' ? 'Authorization' : v.auth.headerDisplay;
        return {
          vendor: v.id,
          baseUrl: `${sandbox.url}/${v.id}`,
          example: `${v.method} ${sandbox.url}/${v.id}${v.pathTemplate}`,
          header: v.auth.kind === 'bearer' ? 'Authorization: Bearer <credential>' : `${v.auth.headerDisplay}: <credential>`,
          credential: behaviour.credential,
          destinations: seeded,
          curl: `curl -X ${v.method} '${urlFor(`${sandbox.url}/${v.id}`, built)}' -H '${header}: ${built.headers[v.auth.header]}' -H 'Content-Type: application/json' -d '${JSON.stringify(documented.body).replace(/'/g, "'\\''")}'`,
        };
      });
      if (options.json) printJson(output, { url: sandbox.url, vendors });
      else {
        output.out(`destconf sandbox listening on ${sandbox.url}`);
        for (const v of vendors) {
          output.out(`  ${v.vendor.padEnd(10)} ${v.example}  (${v.header.replace('<credential>', v.credential)})`);
          output.out(`             seeded: ${v.destinations.map((d) => Object.entries(d).map(([k, id]) => `${k}=${id}`).join(' ')).join('; ')}`);
        }
        output.out(`Try: ${vendors.at(-1)!.curl}`);
        output.out('Press Ctrl+C to stop.');
      }
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        signalsOwnedByCommand();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await sandbox.close();
      if (!options.json) output.out('sandbox stopped');
    });
}
