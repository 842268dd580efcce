/** The `mcsim` command line: parse, call the library, print. Each command lives in its own file. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';

await yargs(hideBin(process.argv))
  .scriptName('mcsim')
  .usage('$0 <command> [options]\n\nDiscrete-event simulation of DNN caching and offloading between devices, edge and cloud.')
  .demandCommand(1, 'Name a command (see the list above).')
  .strict()
  .help()
  .alias('h', 'help')
  .version()
  .wrap(Math.min(110, process.stdout.columns || 100))
  .parseAsync();
