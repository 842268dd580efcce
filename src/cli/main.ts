/**
 * The `mcsim` command line: parse, call the library, print. Each command is a yargs CommandModule in
 * its own file under src/cli/, registered here with one line.
 *
 * The one top-level handler: anticipated failures (bad input of any format, OS errors on input and
 * output paths, stream errors; see errors.ts) print as one line, `mcsim: <message>`, exit code 1, or 2
 * for a bad option; anything else is a bug in mcsim and keeps its stack trace.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { classifyError, UsageError } from '../errors.js';
import { chartCommand } from './chart.js';
import { mergeCommand } from './merge.js';
import { runCommand } from './run.js';
import { schemaCommand } from './schema.js';
import { sweepCommand } from './sweep.js';
import { traceCommand } from './trace.js';
import { mrcCommand } from './mrc.js';
import { validateCommand } from './validate.js';

try {
  await yargs(hideBin(process.argv))
    .scriptName('mcsim')
    .usage('$0 <command> [options]\n\nDiscrete-event simulation of DNN caching and offloading between devices, edge and cloud.')
    .command(runCommand)
    .command(validateCommand)
    .command(sweepCommand)
    .command(mergeCommand)
    .command(schemaCommand)
    .command(mrcCommand)
    .command(traceCommand)
    .command(chartCommand)
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
