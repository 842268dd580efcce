/**
 * The edge's exported request stream (--export-cost-trace, world/cost-trace.ts) replays in mcsim mrc:
 * with loads too fast for a victim to be in flight (so nothing is refused) the run's model-cache misses
 * are exactly a trace replay's, for LRU, GDSF and a researcher's policy by path; the CSV and the
 * oracleGeneral file read back to the same requests, and the binary's next-access field is the one
 * mcsim computes (--trust-next). cachesim reading the same binary gives
 * the same LRU, GDSF, FIFO and LFU miss ratios (checked by hand, docs/edge-models.md), which needs no
 * test here: the reader is the one test/policies/golden.test.ts holds to libCacheSim.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, openScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { replayPolicy } from '../../src/mrc/replay.js';
import { readCacheTrace } from '../../src/traces/read-trace.js';
import { nextUses } from '../../src/traces/next-use.js';
import { CostTrace, CostTraces } from '../../src/world/cost-trace.js';
import { ROOT } from './helpers.js';

const FALLBACK_BYTES = 3487816;

/** A short edge-models run whose loads take no time (a WAN of 1e9 Mbit/s, no rtt, no load time), and its cost trace. */
function instantLoads(policy: string, memory: number) {
  const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios/edge-models.yaml'), [
    'frames=400', 'warmupFrames=0', 'replications=1', 'workload.devices=8', `edge-models.policy=${policy}`,
    `edge-models.memory=${memory}`, 'edge-models.preload=false', 'edge-models.load.secondsPerByte=0', 'network.wan={mbps: 1000000000, rtt: 0}',
  ]);
  const traces = new CostTraces();
  const metrics = runScenario(prepare(scenario, baseDir), { costTrace: () => traces }).runs[0].metrics;
  assert.equal(traces.caches.length, 1, 'one edge, one cache');
  return { metrics, trace: traces.caches[0] };
}

for (const [policy, memory] of [['lru', 300e6], ['gdsf', 300e6], ['lru', 500e6]] as const) {
  test(`instantaneous loads: the run's ${policy} misses at ${memory / 1e6} MB are a replay's of its exported trace`, async () => {
    const { metrics, trace } = instantLoads(policy, memory);
    const frames = metrics.frames;
    assert.equal(trace.length, frames, 'one request per frame');
    // Joins remain (outages of the shared LTE trace deliver several frames at one instant): they are
    // hits for the policy, as in a replay. Refusals, which a replay has not, need a victim in flight.
    assert.equal(metrics.load_refused_rate, 0);
    const dir = mkdtempSync(join(tmpdir(), 'mcsim-cost-trace-'));
    writeFileSync(join(dir, 't.csv'), trace.csv());
    writeFileSync(join(dir, 't.oracleGeneral.bin'), trace.oracleGeneral());
    const csv = await readCacheTrace(join(dir, 't.csv'), { csv: { id: 'obj_id', size: 'obj_size', time: 'time', header: true } });
    const bin = await readCacheTrace(join(dir, 't.oracleGeneral.bin'), { trustNext: true });
    assert.deepEqual(bin.keys, csv.keys);
    assert.deepEqual(bin.sizes, csv.sizes);
    assert.deepEqual(bin.next, nextUses(csv.keys, csv.keySpace), "the binary's next-access field is the computed one");
    const capacity = memory - FALLBACK_BYTES;
    const replayed = replayPolicy(csv, policy, { capacity, bytes: true });
    assert.equal(replayed.misses, Math.round(metrics.cold_start_rate * frames), 'misses');
    assert.ok(replayed.misses > 0 && replayed.misses < frames / 2, `${replayed.misses} misses of ${frames}`);
    assert.equal(replayPolicy(bin, policy, { capacity, bytes: true }).misses, replayed.misses);
  });
}

test('a cost trace record: time in whole seconds, id, size, next access 1-based or -1; costs in the CSV only', () => {
  const t = new CostTrace();
  t.request(0.5, 3, 100, 0.25, 7);
  t.request(2.75, 1, 50, 0.125, 3.5);
  t.request(3, 3, 100, 0.5, 7);
  assert.equal(t.csv(), 'time,obj_id,obj_size,cost_s,cost_j\n0.5,3,100,0.25,7\n2.75,1,50,0.125,3.5\n3,3,100,0.5,7\n');
  const b = Buffer.from(t.oracleGeneral());
  assert.equal(b.length, 72);
  const record = (i: number) => [b.readUInt32LE(24 * i), Number(b.readBigUInt64LE(24 * i + 4)), b.readUInt32LE(24 * i + 12), Number(b.readBigInt64LE(24 * i + 16))];
  assert.deepEqual([record(0), record(1), record(2)], [[0, 3, 100, 3], [2, 1, 50, -1], [3, 3, 100, -1]]);
});

test("a researcher's policy by path keeps the edge's models: the run's misses are a replay's of its trace through the same plugin", async () => {
  const plugin = join(ROOT, 'test/fixtures/plugins/window-lfu.ts');
  const loaded = await openScenario(join(ROOT, 'scenarios/edge-models.yaml'), [
    'frames=400', 'warmupFrames=0', 'replications=1', 'workload.devices=8', `edge-models.policy=${plugin}`, 'edge-models.memory=300000000',
    'edge-models.preload=false', 'edge-models.load.secondsPerByte=0', 'network.wan={mbps: 1000000000, rtt: 0}',
  ]);
  const traces = new CostTraces();
  const prepared = prepare(loaded.scenario, loaded.baseDir, undefined, loaded.registries);
  const metrics = runScenario(prepared, { costTrace: () => traces }).runs[0].metrics;
  assert.equal(metrics.load_refused_rate, 0);
  const name = loaded.scenario['edge-models'].policy;
  const trace = traces.caches[0];
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-cost-trace-'));
  writeFileSync(join(dir, 't.csv'), trace.csv());
  const csv = await readCacheTrace(join(dir, 't.csv'), { csv: { id: 'obj_id', size: 'obj_size', time: 'time', header: true } });
  const replayed = replayPolicy(csv, name, { capacity: 300e6 - FALLBACK_BYTES, bytes: true, policies: loaded.registries.policies });
  assert.equal(replayed.misses, Math.round(metrics.cold_start_rate * metrics.frames));
  const lru = replayPolicy(csv, 'lru', { capacity: 300e6 - FALLBACK_BYTES, bytes: true });
  assert.notEqual(lru.misses, replayed.misses, 'the plugin is not LRU');
});
