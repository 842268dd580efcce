/**
 * The top-level help (`mcsim`, `mcsim --help`) laid out as yargs lays it out, without loading yargs:
 * test/cli/help.test.ts holds the two texts equal at several widths.
 */
import { commandInfo, USAGE, helpWidth } from './commands.js';

/** Greedy word wrap of `text` to lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** Rows of `left` labels, each followed by its `right` text wrapped in the remaining columns. */
function columns(rows: ReadonlyArray<readonly [string, string]>, width: number): string[] {
  const left = Math.max(...rows.map(([l]) => l.length)) + 4;
  return rows.flatMap(([l, r]) => wrap(r, width - left).map((line, i) => `${(i === 0 ? `  ${l}` : '').padEnd(left)}${line}`));
}

const OPTIONS = [
  ['    --version', 'Show version number'],
  ['-h, --help', 'Show help'],
] as const;

export function topLevelHelp(width = helpWidth()): string {
  const commands = Object.values(commandInfo).map(({ command, describe }) => [`mcsim ${command}`, describe] as const);
  const options = columns(OPTIONS, width).map((line) => `${line.padEnd(width - '[boolean]'.length)}[boolean]`);
  return [
    ...USAGE.replace('$0', 'mcsim').split('\n').flatMap((p) => (p === '' ? [''] : wrap(p, width))),
    '',
    'Commands:',
    ...columns(commands, width),
    '',
    'Options:',
    ...options,
  ].join('\n');
}
