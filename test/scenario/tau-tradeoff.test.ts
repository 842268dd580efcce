import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadScenario, readScenarioFile } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { scenarioFiles } from './helpers.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const TAUS = [0, 0.5, 1, 2, 3];

/** Every bundled scenario (not a sweep) that runs cachenet. */
const cachenetScenarios = scenarioFiles().filter((f) => (readScenarioFile(SCENARIOS + f).strategies as string[]).includes('cachenet'));

/** Summary rows of edge-only (the full model that answers cachenet's misses) and cachenet at each tau, on a short run. */
function sweep(file: string) {
  return TAUS.map((tau) => {
    const { scenario, baseDir } = loadScenario(SCENARIOS + file, ['frames=1500', 'warmupFrames=100', 'replications=4', 'strategies=[edge-only, cachenet]', 'compare.reference=cachenet', `cachenet.tau=${tau}`]);
    const [full, cachenet] = runScenario(prepare(scenario, baseDir)).summary.map((s) => s.metrics);
    return { tau, full, cachenet };
  });
}

test('the bundled cachenet scenarios are the ones the trade-off test covers', () => {
  for (const f of ['default.yaml', 'cifar100-cache.yaml', 'paper/cachenet-cifar10.yaml']) assert.ok(cachenetScenarios.includes(f), `${f} not found`);
});

for (const file of cachenetScenarios) {
  test(`${file}: CacheNet is never above the full model beyond its interval, and its accuracy does not rise with tau`, () => {
    const rows = sweep(file);
    for (const { tau, full, cachenet } of rows) {
      assert.ok(cachenet.accuracy <= full.accuracy_hi, `tau ${tau}: cachenet ${cachenet.accuracy} above the full model's ${full.accuracy_hi}`);
    }
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1].cachenet, rows[i].cachenet];
      assert.ok(b.accuracy_lo <= a.accuracy_hi, `accuracy rises from tau ${rows[i - 1].tau} to ${rows[i].tau}: ${a.accuracy} -> ${b.accuracy}`);
    }
    if (file !== 'default.yaml') return;
    // The default shows a real trade-off: latency falls with tau, and the largest tau is clearly faster and clearly less accurate than tau 0.
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1].cachenet, rows[i].cachenet];
      assert.ok(b.latency_mean_lo <= a.latency_mean_hi, `latency rises from tau ${rows[i - 1].tau} to ${rows[i].tau}: ${a.latency_mean} -> ${b.latency_mean}`);
    }
    const [first, last] = [rows[0].cachenet, rows[rows.length - 1].cachenet];
    assert.ok(last.latency_mean_hi < first.latency_mean_lo && last.accuracy_hi < first.accuracy_lo, `tau 0: ${first.latency_mean} s, ${first.accuracy}; tau 3: ${last.latency_mean} s, ${last.accuracy}`);
  });
}
