import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';

const DEFAULT = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));

/** Summary rows of device-only (the full model) and cachenet at each tau, on a short run of the default scenario. */
function sweep(taus: number[]) {
  return taus.map((tau) => {
    const { scenario, baseDir } = loadScenario(DEFAULT, ['frames=1500', 'warmupFrames=100', 'replications=4', 'strategies=[device-only, cachenet]', `cachenet.tau=${tau}`]);
    const [full, cachenet] = runScenario(prepare(scenario, baseDir)).summary.map((s) => s.metrics);
    return { tau, full, cachenet };
  });
}

test('tau trades accuracy for latency: CacheNet is never above the full model beyond its interval; accuracy and latency do not rise with tau', () => {
  const rows = sweep([0, 0.5, 1, 2]);
  for (const { tau, full, cachenet } of rows) {
    const half = (full.accuracy_hi - full.accuracy_lo) / 2;
    assert.ok(cachenet.accuracy <= full.accuracy + half, `tau ${tau}: cachenet ${cachenet.accuracy} vs full ${full.accuracy} ± ${half}`);
  }
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1].cachenet, rows[i].cachenet];
    assert.ok(b.accuracy_lo <= a.accuracy_hi, `accuracy rises from tau ${rows[i - 1].tau} to ${rows[i].tau}: ${a.accuracy} -> ${b.accuracy}`);
    assert.ok(b.latency_mean_lo <= a.latency_mean_hi, `latency rises from tau ${rows[i - 1].tau} to ${rows[i].tau}: ${a.latency_mean} -> ${b.latency_mean}`);
  }
  // A real trade-off: the largest tau is clearly faster and clearly less accurate than tau 0.
  const [first, last] = [rows[0].cachenet, rows[rows.length - 1].cachenet];
  assert.ok(last.latency_mean_hi < first.latency_mean_lo && last.accuracy_hi < first.accuracy_lo, `tau 0: ${first.latency_mean} s, ${first.accuracy}; tau 2: ${last.latency_mean} s, ${last.accuracy}`);
});
