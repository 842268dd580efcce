import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * What only a command's handler needs (src/cli/handlers/, and what they reach: the scenario schema and
 * its readers, the simulator, the charts): `mcsim <command> --help` loads none of it, so help costs
 * yargs and the option definitions alone (docs/performance.md, start-up).
 */
const HANDLER_ONLY = [
  /\/cli\/handlers\//,
  /\/src\/(scenario\/(load|schema|registries|resources)|run\/|sim\/|world\/|strategies\/|policies\/|report\/(render|charts\/))/,
  /\/node_modules\/(zod|yaml|csv-parse|csv-stringify|vega|vega-lite|simple-statistics|seedrandom)\//,
];

test("a command's --help loads none of what the command does (mrc and trace, not split yet, aside)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-help-'));
  try {
    for (const command of ['run', 'validate', 'sweep', 'merge', 'schema', 'check', 'chart']) {
      const list = join(dir, `${command}.txt`);
      const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test/fixtures/loaded-modules.mjs'), join(ROOT, 'bin/mcsim.js'), command, '--help'], {
        encoding: 'utf8',
        cwd: ROOT,
        env: { ...process.env, MCSIM_LOADED_MODULES: list },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^mcsim ${command}`), `${command} --help prints its help`);
      const loaded = readFileSync(list, 'utf8').trim().split('\n');
      assert.ok(loaded.some((url) => /\/node_modules\/yargs\//.test(url)), `${command}: the list holds the modules loaded`);
      assert.deepEqual(loaded.filter((url) => HANDLER_ONLY.some((re) => re.test(url))), [], `${command} --help loads what only its handler needs`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
