import { test } from 'node:test';
import { totalmem } from 'node:os';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { applySets, parseScenario, readScenarioFile } from '../../src/scenario/load.js';
import { checkResources, estimateResources, FRAME_LINE_BYTES } from '../../src/scenario/resources.js';
import { TINY } from './helpers.js';

const scenario = (...sets: string[]) => {
  const raw = readScenarioFile(TINY);
  applySets(raw, sets);
  return parseScenario(raw, 'tiny.yaml');
};

test('memory is estimated from devices, replications and workers, and refused above the limit before anything is built', () => {
  const base = estimateResources(scenario()).memoryBytes;
  assert.ok(estimateResources(scenario('workload.devices=1000')).memoryBytes > base + 1e7);
  assert.ok(estimateResources(scenario(), { workers: 4 }).memoryBytes > 3 * base);
  checkResources(scenario(), 'tiny.yaml', { maxMemoryGb: 4 });
  for (const sets of [['replications=1000000000'], ['workload.devices=1000000']]) {
    assert.throws(
      () => checkResources(scenario(...sets), 'tiny.yaml', { maxMemoryGb: 4 }),
      (e: unknown) => e instanceof InputError && /^tiny\.yaml: needs about .* GB of memory .* above the limit of 4 GB; .*--max-memory-gb/.test(e.message),
    );
  }
  // The flag raises the limit, up to the machine's memory and no further.
  checkResources(scenario('workload.devices=20000'), 'tiny.yaml', { maxMemoryGb: Math.min(2, totalmem() / 1e9) });
  assert.throws(() => checkResources(scenario('workload.devices=1000000000'), 'tiny.yaml', { maxMemoryGb: 1e9 }), /above this machine's memory \(.* GB\); reduce them$/);
});

test('server workers are bounded by the schema and charged in the estimate only as far as they could be busy', () => {
  assert.throws(() => scenario('edge.workers=1000000000'), /edge\.workers/);
  const few = estimateResources(scenario('edge.workers=1')).memoryBytes;
  const many = estimateResources(scenario('edge.workers=1000000', 'frames=1000000')).memoryBytes - estimateResources(scenario('frames=1000000')).memoryBytes;
  assert.ok(many >= 1e6 * 31 && many <= 1e6 * 33, `${many}`);
  // 200 frames: at most 200 of a million workers are ever busy.
  assert.equal(estimateResources(scenario('edge.workers=1000000')).memoryBytes - few, 199 * 32);
});

test('the per-frame log: frames x devices x strategies x replications lines, refused above the free disk', () => {
  const s = scenario('workload.devices=2', 'replications=3', 'frames=1000', 'warmupFrames=100');
  assert.equal(estimateResources(s).frameLogBytes, s.strategies.length * 3 * 2 * 900 * FRAME_LINE_BYTES);
  const huge = scenario('frames=100000000000');
  assert.throws(() => checkResources(huge, 'tiny.yaml', { maxMemoryGb: 1e6, frameLogDir: '/tmp/x/y' }), /the per-frame log would take about .* GB, but \/tmp\/x\/y has .* GB free/);
});
