/**
 * The `mcsim` command line: parse, call the library, print.
 *
 * `mcsim`, `mcsim --help` and `mcsim --version` are answered without loading yargs (a fifth of a
 * second of start-up, more than the rest of the program takes for them); every other command line goes
 * to the yargs parser of parser.ts.
 *
 * The one top-level handler: anticipated failures (bad input of any format, OS errors on input and
 * output paths, stream errors; see errors.ts) print as one line, `mcsim: <message>`, exit code 1, or 2
 * for a bad option; anything else is a bug in mcsim and keeps its stack trace.
 */
import { classifyError } from '../errors.js';
import { packageVersion } from './package.js';
import { topLevelHelp } from './top-help.js';

const args = process.argv.slice(2);

try {
  if (args.length === 0) {
    console.error(`${topLevelHelp()}\n\nmcsim: Name a command (see the list above).`);
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
  const known = classifyError(err);
  if (!known) throw err;
  console.error(`mcsim: ${known.message}`);
  process.exitCode = known.exitCode;
}
