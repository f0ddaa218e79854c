/**
 * `destconf`: the command-line interface. Exit codes: 0 conforming/valid, 1 not, 2 usage or input
 * error (always with a one-line reason on stderr, never a stack trace).
 */
import { Command, CommanderError } from 'commander';
import { UsageError } from '../util/errors.js';
import { markBroken } from './output.js';
import { installInterruptHandlers, interruptedBy } from '../util/interrupt.js';
import { firstLine } from '../util/json-input.js';
import { processOutput, type Output } from './output.js';
import { validateCommand } from './commands/validate.js';
import { contractsCommand } from './commands/contracts.js';
import { sandboxCommand } from './commands/sandbox.js';
import { checkClientCommand, checkClientWorkerCommand } from './commands/check-client.js';
import { openapiCommand } from './commands/openapi.js';
import { canIDeployCommand, publishCommand, recordCommand } from './commands/broker.js';
import { conformanceCommand, reportCommand } from './commands/conformance.js';
import { verifyCommand, verifyPactsWorkerCommand } from './commands/verify.js';
import { VERSION } from '../version.js';
import { BUILT_IN_CATALOGUE } from '../vendors/index.js';
import type { Catalogue } from '../vendors/catalogue.js';
import { loadVendorPlugins } from '../vendors/plugins.js';

/** The CLI over `catalogue`: the built-in vendors and those of DESTCONF_VENDORS, read once, here. */
export function buildProgram(output: Output, catalogue: Catalogue): Command {
  const program = new Command('destconf')
    .description(`Contract tests and conformance checks for the "update a destination" endpoint of ${catalogue.definitions.map((v) => v.title).join(', ')}.`)
    .version(VERSION)
    // Program options only before the command, so that `can-i-deploy --version X` is the command's.
    .enablePositionalOptions()
    .addHelpText('after', HELP_FOOTER);
  const commands = [
    conformanceCommand(output, catalogue),
    validateCommand(output, catalogue),
    contractsCommand(output, catalogue),
    sandboxCommand(output, catalogue),
    verifyCommand(output, catalogue),
    checkClientCommand(output, catalogue),
    openapiCommand(output, catalogue),
    publishCommand(output),
    canIDeployCommand(output),
    recordCommand(output, 'deployment'),
    recordCommand(output, 'release'),
    reportCommand(output, catalogue),
  ];
  for (const command of commands) {
    // Sources break descriptions where code is wide; commander wraps to the terminal: let it.
    command.description(command.description().replace(/([^\n])\n(?=[^\n])/g, '$1 '));
    program.addCommand(command);
  }
  program.addCommand(verifyPactsWorkerCommand(), { hidden: true });
  program.addCommand(checkClientWorkerCommand(catalogue), { hidden: true });
  configureEverywhere(program, output);
  return program;
}

const HELP_FOOTER = `
Exit codes: 0 conforming/valid, 1 not conforming/invalid, 2 usage or input error.
Environment variables are listed in the README ("Configuration").`;

/** Commands added with addCommand do not inherit settings: apply them to the whole tree. */
function configureEverywhere(command: Command, output: Output): void {
  command
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => output.out(text),
      writeErr: (text) => output.err(text),
      // Commander's errors are one line, quoting the argument: a control character in it is shown escaped, not obeyed.
      outputError: (text, write) => write(`destconf: ${text.replace(/^error: /, '').trimEnd().replace(/\n(?=\(Did you mean)/, ' ').replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1))}\n`),
    });
  for (const sub of command.commands) configureEverywhere(sub, output);
}

let pipeGuarded = false;

/**
 * Output piped into a reader that stops early (`| head -1`): stop writing, but finish the run,
 * so that the exit code is still the verdict (exiting at once would report the 0 of a run that
 * has not been judged yet).
 */
function guardBrokenPipes(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return markBroken(stream);
      throw error;
    });
  }
}

export async function run(argv: readonly string[], output: Output = processOutput): Promise<number> {
  if (output === processOutput) {
    guardBrokenPipes();
    installInterruptHandlers();
  }
  try {
    // Vendors named in DESTCONF_VENDORS join the built-in ones before the commands list the vendors.
    const program = buildProgram(output, await loadVendorPlugins(BUILT_IN_CATALOGUE));
    process.exitCode = 0;
    await program.parseAsync(argv as string[], { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    return exitCodeFor(error, output, argv.includes('--json'));
  }
}

/** Exit 2 with one line on stderr; with --json, the same as a JSON object on stdout too. */
function exitCodeFor(error: unknown, output: Output, json: boolean): number {
  if (error instanceof CommanderError) {
    if (error.exitCode !== 0 && json) output.out(JSON.stringify({ error: { message: firstLine(error.message.replace(/^error: /, '')), exitCode: 2 } }));
    return error.exitCode === 0 ? 0 : 2;
  }
  const usage = error instanceof UsageError;
  const message = usage ? firstLine(error.message) : `internal error: ${firstLine(error instanceof Error ? error.message : String(error))}`;
  output.err(`destconf: ${message}${usage || process.env.DESTCONF_DEBUG ? '' : ' (set DESTCONF_DEBUG=1 for details)'}`);
  if (!usage && process.env.DESTCONF_DEBUG && error instanceof Error) output.err(error.stack ?? '');
  if (json) output.out(JSON.stringify({ error: { message, exitCode: 2 } }));
  return 2;
}

// Run when bundled as the CLI (dist/destconf.mjs), not when imported by tests.
if (process.env.DESTCONF_CLI_BUNDLE === '1') {
  const code = await run(process.argv.slice(2));
  // Interrupted: the signal's handler ends the process once the reports are written and children stopped;
  // exiting here would cut it short (and give the run's code, not 130/143).
  if (!interruptedBy()) process.exit(code);
}
