import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/errors.js';
import { confusionGroups } from '../../src/models/confusion-groups.js';
import { loadScenario, readScenarioFile } from '../../src/scenario/load.js';
import { clearlyWeaker, DERIVED_PARTITION_MODEL, tableAccuracy } from '../../src/scenario/partitions.js';
import { prepare } from '../../src/scenario/prepare.js';
import { scenarioFiles, tiny } from './helpers.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const load = (file: string, sets: string[] = []) => {
  const { scenario, baseDir } = loadScenario(SCENARIOS + file, sets);
  return prepare(scenario, baseDir);
};

test('costFraction derives a partition row from the full model on each hardware (distribution scaled), bytesFraction its size from fullBytes', () => {
  const p = tiny('partitions={groups: 10, costFraction: 0.25, bytesFraction: 0.5, fullBytes: 1000}', 'hardware.rows=[{hardware: dev, model: full, latency_ms: {kind: lognormal, mu: 4, sigma: 0.3}, source: test}]');
  assert.deepEqual(p.partition, { cost: DERIVED_PARTITION_MODEL, bytes: 500 });
  assert.deepEqual(p.hardware.get('dev', DERIVED_PARTITION_MODEL).latency, { kind: 'lognormal', mu: 4 + Math.log(1e-3 * 0.25), sigma: 0.3 });
  assert.deepEqual(p.hardware.get('edge', DERIVED_PARTITION_MODEL).latency, { kind: 'fixed', value: 0.25 * 0.005 });
  assert.match(p.hardware.get('dev', DERIVED_PARTITION_MODEL).source, /^DERIVED \(partitions.costFraction 0.25\): 0.25 x the row of full on dev/);
});

test('partitions: exactly one of cost / costFraction and of bytes / bytesFraction, fullBytes with bytesFraction; derive with groups only', () => {
  const refused = (block: string, message: RegExp) => assert.throws(() => tiny(`partitions=${block}`), (e: unknown) => e instanceof InputError && message.test(e.message), block);
  refused('{groups: 10, bytes: 1, cost: part, costFraction: 0.5}', /exactly one of cost or costFraction/);
  refused('{groups: 10, bytes: 1}', /exactly one of cost or costFraction/);
  refused('{groups: 10, bytes: 1, bytesFraction: 0.5, fullBytes: 9, cost: part}', /exactly one of bytes or bytesFraction/);
  refused('{groups: 10, bytesFraction: 0.5, cost: part}', /give both or neither/);
  refused('{groups: 10, bytes: 1, fullBytes: 9, cost: part}', /give both or neither/);
  refused('{derive: confusion, bytes: 1, cost: part}', /derive builds `groups` groups/);
  refused('{groups: 10, derive: confusion, bytes: 1, cost: part}', /parametric/);
  refused('{groups: 10, bytes: 1, costFraction: 1.5}', /costFraction/);
});

test('confusion groups: the most-confused free pair seeds each group, grown by summed confusion; sizes as equal as possible', () => {
  // Class 0 is mistaken for 3 three times, 1 for 2 twice, 4 for 5 once.
  const labels = Int32Array.from([0, 0, 0, 1, 1, 4, 2]);
  const pred = Int32Array.from([3, 3, 3, 2, 2, 5, 2]);
  const all = [Int32Array.from(labels.keys())];
  assert.deepEqual(confusionGroups(pred, labels, all, 6, 3), [[0, 3], [1, 2], [4, 5]]);
  assert.deepEqual(confusionGroups(pred, labels, all, 6, 2), [[0, 3, 1].sort(), [2, 4, 5]].map((g) => g.sort((a, b) => a - b)));
  assert.deepEqual(confusionGroups(pred, labels, [Int32Array.from([])], 4, 2), [[0, 1], [2, 3]], 'no confusion: lowest ids');
});

test("derived groups on the paper scenario: VGG-16's confusion on the held-out half pairs the paper's trucks+automobiles and airplanes+ships; frames come from the other half", () => {
  const p = load('paper/cachenet-cifar10.yaml', ['partitions={base: lenet5, derive: confusion, groups: 5, costFraction: 0.25, bytesFraction: 0.25, fullBytes: 60000000}']);
  const pairs = p.partitions.map((g) => g.join(','));
  assert.ok(pairs.includes('1,9') && pairs.includes('0,8'), pairs.join(' '));
  const all = load('paper/cachenet-cifar10.yaml');
  for (let c = 0; c < 10; c++) {
    const n = all.outcomes.samplesOf[c].length;
    assert.deepEqual([...p.outcomes.samplesOf[c]], [...all.outcomes.samplesOf[c].slice(Math.floor(n / 2))], `class ${c}: the run draws the second half`);
  }
});

test('every bundled cachenet scenario has a partition base clearly weaker than the full model on the test table', () => {
  const files = scenarioFiles().filter((f) => (readScenarioFile(SCENARIOS + f).strategies as string[]).includes('cachenet'));
  assert.ok(files.length >= 3);
  for (const f of files) {
    const p = load(f);
    const base = p.scenario.partitions!.base!;
    const [b, full] = [tableAccuracy(p.outcomes, base)!, tableAccuracy(p.outcomes, p.scenario.models.edge.outcome)!];
    assert.ok(clearlyWeaker(b, full, p.outcomes.labels.length), `${f}: base ${base} ${b} vs full ${full}`);
    assert.ok(!p.notes.some((n) => n.startsWith('partitions.base')), f);
  }
});

test('validate and run note a partition base not clearly weaker than the full model (CIFAR-100 with DenseNet-BC-100 as base)', () => {
  const p = load('cifar100-cache.yaml', ['outcomes.models=[wrn16_4_netcal, densenet_bc100_netcal]', 'partitions.base=densenet_bc100_netcal']);
  assert.ok(p.notes.some((n) => /^partitions\.base: densenet_bc100_netcal \(75\.41% on the test table\) is not clearly weaker than the full model wrn16_4_netcal \(75\.43%/.test(n)), p.notes.join('\n'));
});
