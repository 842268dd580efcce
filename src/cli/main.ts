/**
 * The `mcsim` command line: parse, call the library, print.
 *
 * `mcsim`, `mcsim --help` and `mcsim --version` are answered without loading yargs (a fifth of a
 * second of start-up, more than the rest of the program takes for them); every other command line goes
 * to the yargs parser of parser.ts.
 *
 * Every failure, caught here or nowhere, ends through failure.ts: one line `mcsim: <message>` and a
 * non-zero status (1 bad input, 2 bad command line, 70 a bug, 141 a closed stdout).
 */
import { NO_COMMAND } from './commands.js';
import { endOnUncaughtFailures, reportFailure } from './failure.js';
import { packageVersion } from './package.js';
import { topLevelHelp } from './top-help.js';

const args = process.argv.slice(2);
endOnUncaughtFailures();

try {
  if (args.length === 0) {
    console.error(`mcsim: ${NO_COMMAND} (see mcsim --help)`);
    process.exitCode = 2;
  } else if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    console.log(topLevelHelp());
  } else if (args.length === 1 && args[0] === '--version') {
    console.log(packageVersion());
  } else {
    const { parser } = await import('./parser.js');
    await (await parser(args)).parseAsync();
  }
} catch (err) {
  reportFailure(err);
}
