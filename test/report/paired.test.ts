import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { pairedDiff, unpairedDiff } from '../../src/report/paired.js';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { t975 } from '../../src/report/summary.js';
import { pairedChart, pairedRows } from '../../src/report/charts/paired.js';
import { renderSvg } from '../../src/report/render.js';
import { CORE_METRICS } from '../../src/world/metrics.js';
import { vegaLiteValidator } from './fixtures.js';

test('paired difference: mean and t interval of the per-replication differences; unpaired: Welch', () => {
  const ref = [10, 20, 30, 40], x = [11, 22, 31, 42];
  const p = pairedDiff(x, ref);
  assert.equal(p.mean, 1.5);
  const half = (t975(3) * Math.sqrt(1 / 3)) / 2; // differences 1, 2, 1, 2: sd sqrt(1/3)
  assert.ok(Math.abs(p.hi - 1.5 - half) < 1e-12);
  const u = unpairedDiff(x, ref);
  assert.equal(u.mean, 1.5);
  assert.ok(u.hi - u.mean > 10 * half, 'ignoring the pairing, the shared spread swamps the difference');
});

const half = (ci: { lo: number; hi: number }) => (ci.hi - ci.lo) / 2;

test('on the same runs, the paired interval of a policy difference is narrower than the unpaired one', () => {
  const path = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
  const runs = (policy: string) => {
    const { scenario, baseDir } = loadScenario(path, ['frames=1200', 'warmupFrames=100', 'replications=5', 'strategies=[cachenet]', `cachenet.policy=${policy}`, 'cachenet.tau=1', 'device.cache.slots=1']);
    return runScenario(prepare(scenario, baseDir)).runs.map((r) => r.metrics);
  };
  const lru = runs('lru'), random = runs('random');
  for (const m of ['latency_mean', 'partition_downloads_per_frame']) {
    const x = random.map((r) => r[m]), ref = lru.map((r) => r[m]);
    const paired = pairedDiff(x, ref), unpaired = unpairedDiff(x, ref);
    assert.ok(Math.abs(paired.mean - unpaired.mean) < 1e-12, m);
    assert.ok(half(paired) < half(unpaired), `${m}: paired ± ${half(paired)} vs unpaired ± ${half(unpaired)}`);
  }
});

test('the paired-differences chart is valid Vega-Lite and draws one row per strategy and metric present', async () => {
  const rows = [
    { strategy: 'cachenet', latency_mean_vs_ref: -0.01, latency_mean_vs_ref_lo: -0.02, latency_mean_vs_ref_hi: 0, accuracy_vs_ref: -0.002, accuracy_vs_ref_lo: -0.004, accuracy_vs_ref_hi: 0 },
    { strategy: 'edge-only' },
  ];
  const data = pairedRows(rows, 'strategy', CORE_METRICS);
  assert.deepEqual(data.map((r) => [r.metric, r.diff]), [['mean latency (ms)', -10], ['accuracy (points)', -0.2]]);
  const validate = vegaLiteValidator();
  const spec = pairedChart({ data, category: 'strategy', reference: 'edge-only' });
  assert.ok(validate(spec), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.match(await renderSvg(spec), /<svg/);
});
