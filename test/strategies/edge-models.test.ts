/**
 * edge-models (src/strategies/edge-models.ts, edge-models/residency.ts):
 * 1. Residency, property-based over every online policy, random model sizes, capacities and request
 *    times: the policy's bytes never exceed the budget and equal resident + loading models' bytes; a
 *    model whose load is in flight is never evicted (nor dropped by the policy); each request's result
 *    follows from the model's state (resident only once loaded, loading only while in flight, refused
 *    only with a reason); every started load calls `loaded` exactly once, no sooner than its WAN
 *    transfer plus rtt plus load time.
 * 2. Whole shortened runs of scenarios/edge-models.yaml for each miss path: every frame answered
 *    once; the per-frame `choice` counts equal the metrics (cloud, fallback, hit, cold-start, join,
 *    refused shares); the four request outcomes add up to 1; the fallback costs accuracy.
 * 3. One hand-computed cold load on constant links: latency and its parts to 1e-9.
 * 4. Reproducibility and pairing: the same seed gives the same summary; lru, gds and lfu see the same frames.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { simulateRun } from '../../src/run/simulate.js';
import type { CachePolicy } from '../../src/policies/policy.js';
import { policies, policyNames, type PolicyEntry } from '../../src/policies/registry.js';
import { Found, Residency } from '../../src/strategies/edge-models/residency.js';
import { FRAME_COLUMNS, Recorder } from '../../src/world/recorder.js';
import { World } from '../../src/world/world.js';
import { tiny } from '../scenario/helpers.js';
import { ROOT } from './helpers.js';

const ONLINE = policyNames.filter((n) => !policies[n].needsFuture);
const ABSENT = 0, LOADING = 1, LOADED = 2;

/** The policy behind a Proxy that checks the budget after every insert and evict and reports each evicted key. */
function watched(entry: PolicyEntry, evicted: (key: number) => void): PolicyEntry {
  return {
    ...entry,
    create(o) {
      const inner = entry.create(o);
      return new Proxy(inner, {
        get(target, key) {
          const v = Reflect.get(target, key, target);
          if (typeof v !== 'function') return v;
          return (...args: number[]) => {
            const r = v.apply(target, args);
            if (key === 'evict') evicted(r);
            if (key === 'remove' && r) evicted(args[0]);
            if (key === 'insert' || key === 'evict') assert.ok(target.used <= target.capacity, `${String(key)}: used ${target.used} > capacity ${target.capacity}`);
            return r;
          };
        },
      }) as CachePolicy;
    },
  };
}

test('residency: memory within budget, no eviction while loading, results follow the state, one loaded per load', () => {
  const p = tiny('workload.devices=1');
  const bps = p.scenario.network.wan!.mbps! * 1e6, rtt = p.scenario.network.wan!.rtt;
  const cases = fc.record({
    policy: fc.constantFrom(...ONLINE),
    sizes: fc.array(fc.integer({ min: 10_000, max: 2_000_000 }), { minLength: 1, maxLength: 8 }),
    share: fc.double({ min: 0.2, max: 1.2, noNaN: true }),
    secondsPerByte: fc.constantFrom(0, 1e-9, 1e-7),
    requests: fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 3, noNaN: true })), { minLength: 1, maxLength: 80 }),
  });
  const seen = { evictions: 0, refusedWhileLoading: 0, joins: 0 };
  fc.assert(
    fc.property(cases, ({ policy, sizes, share, secondsPerByte, requests }) => {
      const world = new World(p, 0, new Recorder({ truth: p.truth, partOf: p.partOf, warmupFrames: 0 }));
      const e = world.engine, n = sizes.length;
      const capacity = Math.max(1, Math.floor(share * sizes.reduce((a, b) => a + b, 0)));
      const state = new Uint8Array(n), startedAt = new Float64Array(n);
      let started = 0, loads = 0;
      const evicted = (k: number) => {
        assert.equal(state[k], LOADED, `${policy}: model ${k} evicted while ${state[k] === LOADING ? 'loading' : 'absent'}`);
        state[k] = ABSENT;
        seen.evictions++;
      };
      const r = new Residency(world, {
        policy: watched(policies[policy], evicted),
        capacity,
        bytes: Float64Array.from(sizes),
        loadSecondsPerByte: secondsPerByte,
        missCost: (k) => sizes[k],
        seed: 'edge-models-test',
        loaded(k) {
          assert.equal(state[k], LOADING, `${policy}: loaded(${k}) for a model not loading`);
          const least = (sizes[k] * 8) / bps + rtt + sizes[k] * secondsPerByte;
          assert.ok(e.now - startedAt[k] >= least - 1e-9, `${policy}: load of ${k} took ${e.now - startedAt[k]} < ${least}`);
          state[k] = LOADED;
          loads++;
        },
      });
      const inPolicy = () => {
        let bytes = 0;
        for (let k = 0; k < n; k++) if (state[k] !== ABSENT) (bytes += sizes[k]), assert.ok(r.policy.has(k), `${policy}: model ${k} left the policy without an eviction`);
        assert.equal(r.policy.used, bytes, `${policy}: policy bytes vs resident + loading`);
        assert.ok(bytes <= capacity);
      };
      const ask = e.on((k) => {
        const before = state[k];
        const f = r.request(k, world.wanDown!);
        if (before === LOADED) assert.equal(f, Found.resident, `${policy}: loaded model ${k} not resident`);
        else if (before === LOADING) assert.equal(f, Found.loading, `${policy}: loading model ${k} not found loading`), seen.joins++;
        else if (f === Found.started) (state[k] = LOADING), (startedAt[k] = e.now), started++;
        else {
          assert.equal(f, Found.refused, `${policy}: absent model ${k} found ${f}`);
          const reason = sizes[k] > capacity || r.policy.admit !== undefined || state.includes(LOADING);
          assert.ok(reason, `${policy}: model ${k} refused with room to load it`);
          if (sizes[k] <= capacity && state.includes(LOADING)) seen.refusedWhileLoading++;
        }
        assert.equal(r.loaded(k), state[k] === LOADED);
        inPolicy();
      });
      for (const [key, t] of requests) e.scheduleAt(t, ask, key % n);
      e.run();
      assert.equal(loads, started, `${policy}: ${started} loads started, ${loads} loaded`);
      assert.ok(!state.includes(LOADING));
      inPolicy();
    }),
    { numRuns: 400 },
  );
  // The cases reach the interesting states: evictions, joined loads, refusals behind a loading victim.
  assert.ok(seen.evictions > 0 && seen.joins > 0 && seen.refusedWhileLoading > 0, JSON.stringify(seen));
});

const SHORT = ['frames=300', 'warmupFrames=0', 'replications=1', 'workload.devices=5', 'edge-models.mix.meanRun=20'];
const col = (name: string) => FRAME_COLUMNS.indexOf(name);
const [DEVICE, SEQ, CHOICE, WHERE, LATENCY] = ['device', 'seq', 'choice', 'where', 'latency'].map(col);

/** One run of edge-models on scenarios/edge-models.yaml with `sets` (and `edit`): its metrics and per-frame rows. */
function run(sets: string[], edit?: (s: ReturnType<typeof loadScenario>['scenario']) => void) {
  const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios/edge-models.yaml'), sets);
  edit?.(scenario);
  const lines: string[] = [];
  const m = simulateRun(prepare(scenario, baseDir), 'edge-models', 0, { write: (l) => void lines.push(l) }).metrics;
  return { m, rows: lines.map((l) => l.trimEnd().split(',')) };
}

test('whole runs, each miss path: every frame answered once; choice counts agree with the metrics; outcomes add up to 1', () => {
  const F = 5 * 300;
  const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
  const byMiss: Record<string, ReturnType<typeof run>['m']> = {};
  for (const miss of ['load', 'cloud', 'fallback'] as const) {
    const { m, rows } = run([...SHORT, `edge-models.miss=${miss}`]);
    byMiss[miss] = m;
    assert.equal(m.frames, F);
    assert.equal(m.drop_rate, 0);
    assert.equal(rows.length, F);
    assert.equal(new Set(rows.map((r) => `${r[DEVICE]}/${r[SEQ]}`)).size, F, `${miss}: a frame recorded twice`);
    const n = [0, 0, 0, 0];
    for (const r of rows) {
      n[Number(r[CHOICE])]++;
      assert.equal(r[WHERE], r[CHOICE] === '2' ? 'cloud' : 'edge', `${miss}: choice ${r[CHOICE]} answered at ${r[WHERE]}`);
      assert.ok(Number(r[LATENCY]) > 0);
    }
    const rates = m.model_hit_rate + m.cold_start_rate + m.load_join_rate + m.load_refused_rate;
    assert.ok(Math.abs(rates - 1) < 1e-12, `${miss}: outcome rates add to ${rates}`);
    assert.ok(m.cold_start_rate > 0 && m.load_refused_rate > 0 && m.model_hit_rate > 0.5, `${miss}: ${m.cold_start_rate} cold, ${m.load_refused_rate} refused`);
    near(n[2], m.answered_cloud * F, `${miss}: cloud frames`);
    near(n[3] / F, m.fallback_rate, `${miss}: fallback frames`);
    near(n[0] / F, m.model_hit_rate, `${miss}: resident frames`);
    const missed = (m.cold_start_rate + m.load_join_rate) * F, refused = m.load_refused_rate * F;
    // A refused load takes the miss path without the wait: miss load goes to the cloud (the scenario has one).
    near(n[1], miss === 'load' ? missed : 0, `${miss}: waiting frames`);
    near(n[2], miss === 'cloud' ? missed + refused : miss === 'load' ? refused : 0, `${miss}: cloud frames by outcome`);
    near(n[3], miss === 'fallback' ? missed + refused : 0, `${miss}: fallback frames by outcome`);
  }
  const { load, fallback } = byMiss;
  assert.ok(fallback.fallback_rate > 0.02, `fallback rate ${fallback.fallback_rate}`);
  assert.ok(fallback.accuracy < load.accuracy, `accuracy ${fallback.accuracy} with the fallback vs ${load.accuracy} loading`);
  assert.ok(fallback.fallback_accuracy < 0.7, `fallback accuracy ${fallback.fallback_accuracy} (lenet5: 53%)`);
  assert.ok(load.fallback_accuracy === undefined && load.fallback_rate === 0);
});

test('a hand-computed cold load: upload + WAN transfer + rtt + load + compute + download; then hits', () => {
  const { m, rows } = run([
    'frames=3', 'warmupFrames=0', 'replications=1', 'workload.devices=1', 'workload.arrivals={kind: fixed, fps: 0.5}',
    'edge-models.apps=[{name: a, outcome: vgg16, cost: resnet50, bytes: 1000000}]', 'edge-models.preload=false',
    'network.uplink={mbps: 8, rtt: 0}', 'network.downlink={mbps: 8, rtt: 0}', 'network.wan={mbps: 8, rtt: 0.03}',
    'network.sharing=fifo', 'network.traceStart=zero',
  ], (s) => delete (s.edge as { batching?: unknown }).batching); // no batching: no batch wait
  const upload = (3072 * 8) / 8e6, wanLoad = (1e6 * 8) / 8e6 + 0.03 + 1e6 * 1e-9, compute = 0.00608, download = (64 * 8) / 8e6;
  const bySeq = rows.sort((a, b) => Number(a[SEQ]) - Number(b[SEQ]));
  const at = (r: string[], name: string) => Number(r[col(name)]);
  const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
  assert.equal(bySeq.length, 3);
  bySeq.forEach((r, i) => {
    const wait = i === 0 ? wanLoad : 0;
    assert.equal(r[CHOICE], i === 0 ? '1' : '0');
    close(at(r, 'latency'), upload + wait + compute + download, `frame ${i} latency`);
    close(at(r, 'partition_wait'), wait, `frame ${i} partition_wait`);
    close(at(r, 'upload'), upload, `frame ${i} upload`);
    close(at(r, 'server_compute'), compute, `frame ${i} server_compute`);
    close(at(r, 'server_queue'), 0, `frame ${i} server_queue`);
    close(at(r, 'download'), download, `frame ${i} download`);
  });
  close(m.cold_start_rate, 1 / 3, 'cold starts');
  close(m.model_hit_rate, 2 / 3, 'hits');
  close(m.load_bytes_per_frame, 1e6 / 3, 'load bytes');
  close(m.load_cost_s_per_frame, wanLoad / 3, 'load seconds');
});

test('same seed, same summary; lru, gds and lfu see the same frames (paired)', () => {
  const twice = () => {
    const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios/edge-models.yaml'), [...SHORT, 'replications=2']);
    return runScenario(prepare(scenario, baseDir));
  };
  const a = twice(), b = twice();
  assert.deepEqual(a.summary, b.summary);
  assert.deepEqual(a.runs.map((r) => r.metrics), b.runs.map((r) => r.metrics));
  const FRAME = ['device', 'seq', 't', 'sample', 'bytes', 'label'].map(col);
  const frames = (policy: string) => {
    const { m, rows } = run([...SHORT, 'edge-models.memory=250000000', `edge-models.policy=${policy}`]);
    const keyed = rows.map((r) => FRAME.map((i) => r[i]).join(','));
    return { m, frames: keyed.sort() };
  };
  const [lru, gds, lfu] = ['lru', 'gds', 'lfu'].map(frames);
  assert.equal(lru.frames.length, 5 * 300);
  assert.deepEqual(gds.frames, lru.frames);
  assert.deepEqual(lfu.frames, lru.frames);
  // The comparison is not vacuous: the policies differ in what they keep.
  const hits = new Set([lru, gds, lfu].map((x) => x.m.model_hit_rate));
  assert.ok(hits.size > 1, `every policy has hit rate ${[...hits]}`);
});
