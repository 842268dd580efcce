/**
 * The `mcsim` command line: parse, call the library, print. Each command is a yargs CommandModule in
 * its own file under src/cli/, registered here with one line.
 *
 * Errors in the user's input (InputError) print as one line, `mcsim: <message>`, exit code 1; anything
 * else is a bug in mcsim and keeps its stack trace.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError } from '../errors.js';
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
      if (err) throw err;
      console.error(y.help().toString());
      console.error(`\nmcsim: ${msg}`);
      process.exit(2);
    })
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .parseAsync();
} catch (err) {
  if (!(err instanceof InputError)) throw err;
  console.error(`mcsim: ${err.message}`);
  process.exitCode = 1;
}
