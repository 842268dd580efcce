/**
 * The `mcsim` command line: parse, call the library, print. Each command is a yargs CommandModule in
 * its own file under src/cli/, registered here with one line (and its name and description in commands.ts).
 *
 * The one top-level handler: anticipated failures (bad input of any format, OS errors on input and
 * output paths, stream errors; see errors.ts) print as one line, `mcsim: <message>`, exit code 1, or 2
 * for a bad option; anything else is a bug in mcsim and keeps its stack trace.
 */
import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { classifyError, UsageError } from '../errors.js';
import { commandInfo, type CommandName } from './commands.js';

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
  chart: async () => (await import('./chart.js')).chartCommand,
};

/** The module of the command named on the command line; the others as name and description only. */
async function commands(): Promise<Command[]> {
  const named = process.argv[2];
  return Promise.all(
    (Object.keys(commandInfo) as CommandName[]).map((name) => (name === named ? load[name]() : { ...commandInfo[name], handler: () => {} })),
  );
}

try {
  await yargs(hideBin(process.argv))
    .scriptName('mcsim')
    .usage('$0 <command> [options]\n\nDiscrete-event simulation of DNN caching and offloading between devices, edge and cloud.')
    .command(await commands())
    .demandCommand(1, 'Name a command (see the list above).')
    .strict()
    .fail((msg, err, y) => {
      // A handler's failure goes to the handler below. A bad option value (our UsageError, which yargs
      // wraps in its YError when a coerce throws) is one line; other usage errors print the usage.
      if (err && !(err instanceof UsageError) && err.name !== 'YError') throw err;
      if (err) console.error(`mcsim: ${err.message} (see --help)`);
      else console.error(`${y.help().toString()}\n\nmcsim: ${msg}`);
      process.exit(2);
    })
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .parseAsync();
} catch (err) {
  const known = classifyError(err);
  if (!known) throw err;
  console.error(`mcsim: ${known.message}`);
  process.exitCode = known.exitCode;
}
