/**
 * The yargs parser of the `mcsim` command line. Each command is a yargs CommandModule in its own file
 * under src/cli/, registered here with one line (and its name and description in commands.ts).
 */
import yargs, { type Argv, type CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { commandInfo, NO_COMMAND, USAGE, helpWidth, type CommandName } from './commands.js';

// Commands differ in their argument types; yargs checks each command's arguments itself.
type Command = CommandModule<object, any>;

// Each command's module, loaded only when that command runs: a command pays for its own imports
// (scenario validation, vega, the trace readers), and `mcsim --help` for none.
const load: Record<CommandName, () => Promise<Command>> = {
  run: async () => (await import('./run.js')).runCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
  sweep: async () => (await import('./sweep.js')).sweepCommand,
  merge: async () => (await import('./merge.js')).mergeCommand,
  schema: async () => (await import('./schema.js')).schemaCommand,
  mrc: async () => (await import('./mrc.js')).mrcCommand,
  trace: async () => (await import('./trace.js')).traceCommand,
  check: async () => (await import('./check.js')).checkCommand,
  chart: async () => (await import('./chart.js')).chartCommand,
};

/** The module of the command named in `args`; the others as name and description only. */
async function commands(args: readonly string[]): Promise<Command[]> {
  return Promise.all(
    (Object.keys(commandInfo) as CommandName[]).map((name) => (name === args[0] ? load[name]() : { ...commandInfo[name], handler: () => {} })),
  );
}

/**
 * A lone `-` names standard input (`zcat t.gz | mcsim mrc - ...`). yargs turns a lone `-` into an
 * empty string (yargs issues 1312 and yargs-parser 381), so it is handed over as `/dev/stdin`, which
 * the readers open like any pipe.
 */
const STDIN = '/dev/stdin';

export async function parser(args: string[], width = helpWidth()): Promise<Argv> {
  return yargs(args.map((a) => (a === '-' ? STDIN : a)))
    .scriptName('mcsim')
    .usage(USAGE)
    .command(await commands(args))
    .demandCommand(1, NO_COMMAND)
    .strict()
    .fail((msg, err) => {
      // A handler's failure goes on to the top-level handler (failure.ts). A usage error (yargs' own, or
      // our UsageError, which yargs wraps in its YError when a coerce throws) is one line and a hint.
      if (err && !(err instanceof UsageError) && err.name !== 'YError') throw err;
      const command = args[0] in commandInfo ? ` ${args[0]}` : '';
      throw new UsageError(`${err ? err.message : msg} (see mcsim${command} --help)`);
    })
    .help()
    .alias('h', 'help')
    .version()
    .wrap(width);
}
