import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { checkStrategy } from '../../src/check/strategy.js';
import { encoderHints, ORACLE_ENCODER } from '../../src/models/encoder.js';
import { FRAME_COLUMNS } from '../../src/world/recorder.js';
import { simulateRun } from '../../src/run/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare, type Prepared } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { strategies } from '../../src/strategies/registry.js';
import type { StrategyEntry } from '../../src/strategies/strategy.js';

// The truth is seen only by the scorer: relabelling the samples the scorer compares answers with
// changes accuracy (and the metrics scored against the truth) and nothing else, for every strategy.
// The check is the strategy contract's 'no label read' property (src/check/strategy.ts).
const scenario = (file: string, ...sets: string[]) => {
  const path = fileURLToPath(new URL(`../../scenarios/${file}`, import.meta.url));
  const { scenario, baseDir } = loadScenario(path, ['frames=300', 'warmupFrames=30', 'replications=1', ...sets]);
  return prepare(scenario, baseDir);
};
const shifted = (p: Prepared): Prepared => ({ ...p, truth: p.truth.map((label) => (label + 3) % p.outcomes.classes) });

// all-strategies: every strategy on CIFAR-10 probabilities; cifar100-cache: CacheNet over superclass
// partitions of an outcome table, where it scores above the full model (docs/metrics.md).
for (const file of ['all-strategies.yaml', 'cifar100-cache.yaml']) {
  test(`permuting the labels the scorer sees changes accuracy only: every decision, latency, hit, download and joule is identical, for every strategy (${file})`, async () => {
    const p = scenario(file);
    assert.ok(p.scenario.strategies.length >= (file === 'all-strategies.yaml' ? 8 : 1));
    for (const name of p.scenario.strategies) {
      const report = await checkStrategy(strategies[name] as StrategyEntry, name, { world: p, options: p.scenario[name] });
      const property = report.properties.find((q) => q.name.startsWith('no label read'))!;
      assert.ok(property.ok, `${name}: ${property.detail}`);
      // The permutation is not a no-op: the scorer does see the labels.
      assert.notEqual(simulateRun(shifted(p), name, 0).metrics.accuracy, simulateRun(p, name, 0).metrics.accuracy, `${name}: the scorer does see the labels`);
    }
  });
}

test('the test can fail: with the oracle encoder (which reads the label) the permutation changes cachenet\'s decisions', () => {
  // The check relabels the truth only; an encoder's hints are the world's, computed when the scenario
  // is prepared, so this case recomputes them from the relabelled truth itself.
  const SCORED_COLUMNS = new Set(['label', 'correct']);
  const keep = FRAME_COLUMNS.map((c, i) => (SCORED_COLUMNS.has(c) ? -1 : i)).filter((i) => i >= 0);
  const blindLines = (q: Prepared) => {
    const lines: string[] = [];
    runScenario(q, { sink: { write: (l) => void lines.push(l) } });
    return lines.map((l) => keep.map((i) => l.split(',')[i]).join(','));
  };
  const p = scenario('all-strategies.yaml', 'strategies=[cachenet]', 'models.encoder.outcome=oracle');
  const relabelled = shifted(p);
  assert.notDeepEqual(blindLines({ ...relabelled, hintOf: encoderHints(p.outcomes, ORACLE_ENCODER, p.partOf, relabelled.truth) }), blindLines(p));
});
