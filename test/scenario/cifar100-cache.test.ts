import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { pairedDiff } from '../../src/report/paired.js';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { policyNames } from '../../src/policies/registry.js';

const SCENARIO = fileURLToPath(new URL('../../scenarios/cifar100-cache.yaml', import.meta.url));

/** Per-replication cachenet metrics of a short run of the CIFAR-100 scenario. */
function runs(policy: string, slots: number) {
  const { scenario, baseDir } = loadScenario(SCENARIO, ['frames=1000', 'warmupFrames=100', 'replications=3', 'strategies=[cachenet]', 'compare.reference=cachenet', `cachenet.policy=${policy}`, `device.cache.slots=${slots}`]);
  return runScenario(prepare(scenario, baseDir)).runs.map((r) => r.metrics);
}

test('CIFAR-100: 20 superclass partitions from the shipped mapping; the encoder is scored', () => {
  const { scenario, baseDir } = loadScenario(SCENARIO, []);
  const p = prepare(scenario, baseDir);
  assert.equal(p.partitions.length, 20);
  assert.ok(p.partitions.every((set) => set.length === 5));
  const m = runs('lru', 3)[0];
  assert.ok(m.encoder_accuracy > 0.8 && m.encoder_accuracy < 0.95, `encoder accuracy ${m.encoder_accuracy}`);
  assert.ok(m.hint_cached_rate > 0 && m.hint_cached_rate < 1);
});

test('CIFAR-100: Belady downloads the fewest partitions at every cache size, and some policy pair separates beyond its paired interval', () => {
  let separated = 0;
  for (const slots of [2, 5]) {
    const downloads = new Map(policyNames.map((p) => [p, runs(p, slots).map((m) => m.partition_downloads_per_frame)]));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const belady = mean(downloads.get('belady')!);
    for (const [p, xs] of downloads) {
      if (p.startsWith('belady')) continue;
      assert.ok(belady <= mean(xs), `${slots} slots: belady ${belady} > ${p} ${mean(xs)}`);
      const d = pairedDiff(xs, downloads.get('belady')!);
      if (d.lo > 0) separated++;
    }
  }
  assert.ok(separated > 0, 'no policy separated from Belady beyond its paired interval');
});
