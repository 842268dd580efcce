import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parser } from '../../src/cli/parser.js';
import { topLevelHelp } from '../../src/cli/top-help.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const mcsim = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/mcsim.js'), ...args], { encoding: 'utf8', cwd: ROOT });

test('the top-level help written without yargs is the text yargs writes, at every width', async () => {
  for (const width of [60, 80, 100, 110]) {
    assert.equal(topLevelHelp(width), await (await parser([], width)).getHelp(), `width ${width}`);
  }
});

test('mcsim -h and --help print the help; --version the package version; no command is a usage error', () => {
  for (const flag of ['-h', '--help']) {
    const r = mcsim(flag);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${topLevelHelp(100)}\n`); // a pipe has no columns: the default width
  }
  const version = mcsim('--version');
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  const none = mcsim();
  assert.equal(none.status, 2);
  assert.equal(none.stderr, 'mcsim: name a command: run, validate, sweep, merge, schema, mrc, trace, check, chart (see mcsim --help)\n');
});
