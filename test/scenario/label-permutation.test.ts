import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { encoderHints, ORACLE_ENCODER } from '../../src/models/encoder.js';
import { FRAME_COLUMNS } from '../../src/run/recorder.js';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare, type Prepared } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/scenario/run.js';

// The truth is seen only by the scorer: relabelling the samples the scorer compares answers with
// changes accuracy (and the metrics scored against the truth) and nothing else, for every strategy.
const SCORED = new Set(['accuracy', 'encoder_accuracy', 'score_auroc']);
const SCORED_COLUMNS = new Set(['label', 'correct']);

function run(p: Prepared) {
  const lines: string[] = [];
  const result = runScenario(p, { sink: { write: (l) => void lines.push(l) } });
  return { result, lines };
}

/** The value of every metric and frame column the truth must not reach. */
function blind({ result, lines }: ReturnType<typeof run>) {
  const runs = result.runs.map((r) => ({ ...r, metrics: Object.fromEntries(Object.entries(r.metrics).filter(([k]) => !SCORED.has(k.replace(/_(lo|hi)$/, '')))) }));
  const keep = FRAME_COLUMNS.map((c, i) => (SCORED_COLUMNS.has(c) ? -1 : i)).filter((i) => i >= 0);
  return { runs, frames: lines.map((l) => keep.map((i) => l.split(',')[i]).join(',')) };
}

// all-strategies: every strategy on CIFAR-10 probabilities; cifar100-cache: CacheNet over superclass
// partitions of an outcome table, where it scores above the full model (docs/metrics.md).
for (const file of ['all-strategies.yaml', 'cifar100-cache.yaml']) {
  test(`permuting the labels the scorer sees changes accuracy only: every decision, latency, hit, download and joule is identical, for every strategy (${file})`, () => {
    const path = fileURLToPath(new URL(`../../scenarios/${file}`, import.meta.url));
    const { scenario, baseDir } = loadScenario(path, ['frames=300', 'warmupFrames=30', 'replications=1']);
    const p = prepare(scenario, baseDir);
    const classes = p.outcomes.classes;
    // A cyclic shift of the classes: every label changes.
    const shifted: Prepared = { ...p, truth: p.truth.map((label) => (label + 3) % classes) };
    const a = run(p), b = run(shifted);
    assert.deepEqual(blind(b), blind(a));
    assert.equal(a.result.runs.length, scenario.strategies.length);
    for (let i = 0; i < a.result.runs.length; i++) {
      const strategy = a.result.runs[i].strategy;
      assert.notEqual(b.result.runs[i].metrics.accuracy, a.result.runs[i].metrics.accuracy, `${strategy}: the scorer does see the labels`);
    }
  });
}

test('the test can fail: with the oracle encoder (which reads the label) the permutation changes cachenet\'s decisions', () => {
  const path = fileURLToPath(new URL('../../scenarios/all-strategies.yaml', import.meta.url));
  const { scenario, baseDir } = loadScenario(path, ['frames=300', 'warmupFrames=30', 'replications=1', 'strategies=[cachenet]', 'models.encoder.outcome=oracle']);
  const p = prepare(scenario, baseDir);
  const truth = p.truth.map((label) => (label + 3) % p.outcomes.classes);
  const shifted: Prepared = { ...p, truth, hintOf: encoderHints(p.outcomes, ORACLE_ENCODER, p.partOf, truth) };
  assert.notDeepEqual(blind(run(shifted)), blind(run(p)));
});
