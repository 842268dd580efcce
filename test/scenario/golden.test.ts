/**
 * Seed-pinned regression: a shortened run of each bundled scenario must reproduce its checked-in
 * summary byte for byte. A change of random streams or model semantics that alters results is a
 * decision: regenerate with `UPDATE_GOLDEN=1 npm test` and say why in the commit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summaryRows, tidyCsv } from '../../src/report/run-report.js';
import { withoutFullCounts } from '../../src/report/summary.js';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { scenarioFiles } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHORT = ['frames=1500', 'warmupFrames=100', 'replications=2'];

const files = scenarioFiles();

test('every bundled scenario has a golden summary, and every golden summary a scenario', () => {
  // Also what keeps the loop below from passing with no test at all.
  assert.ok(files.length >= 6, `${files.length} bundled scenarios`);
  const goldens = readdirSync(join(ROOT, 'test/golden'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml.csv'));
  assert.deepEqual(files.map((f) => `${f}.csv`).sort(), goldens.sort());
});

for (const file of files) {
  test(`scenarios/${file}: shortened run reproduces test/golden/${file}.csv`, () => {
    const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios', file), SHORT);
    const csv = tidyCsv(withoutFullCounts(summaryRows(runScenario(prepare(scenario, baseDir)))));
    const golden = join(ROOT, 'test/golden', `${file}.csv`);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, csv);
    }
    assert.ok(existsSync(golden), `no ${golden}: create it with UPDATE_GOLDEN=1 npm test`);
    assert.equal(csv, readFileSync(golden, 'utf8'), `results of ${file} changed; if intended: UPDATE_GOLDEN=1 npm test`);
  });
}
