import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricRow } from '../../src/report/metrics.js';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/scenario/run.js';
import { frameSources, simulateRun } from '../../src/scenario/simulate.js';
import { replayPolicy } from '../../src/policies/replay.js';
import { FRAME_COLUMNS } from '../../src/report/metrics.js';
import { emptyFrame } from '../../src/traces/frame.js';
import { tiny } from './helpers.js';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

test('device-only: latency is the device compute time; energy is compute power x time', () => {
  const m = simulateRun(tiny(), 'device-only', 0).metrics;
  close(m.latency_mean, 0.1);
  close(m.latency_p99, 0.1);
  close(m.t_device_compute, 0.1);
  close(m.t_device_queue, 0);
  close(m.energy_per_frame_j, 4 * 0.1);
  assert.equal(m.answered_device, 1);
  assert.equal(m.frames, 200);
  assert.ok(m.accuracy > 0.8 && m.accuracy < 0.97, `accuracy ${m.accuracy}`);
});

test('edge-only: upload + edge compute + download, hand-computed', () => {
  const m = simulateRun(tiny(), 'edge-only', 0).metrics;
  const up = (8 * 10000) / 8e6 + 0.01, edge = 0.005, down = (8 * 100) / 16e6 + 0.01;
  close(m.t_upload, up, 1e-9);
  close(m.t_server_compute, edge, 1e-9);
  close(m.t_server_queue, 0, 1e-9);
  close(m.t_download, down, 1e-9);
  close(m.latency_mean, up + edge + down, 1e-9);
  close(m.energy_per_frame_j, 2 * (8 * 10000) / 8e6 + 1 * (8 * 100) / 16e6, 1e-9);
  close(m.bytes_up_per_frame, 10000);
  close(m.bytes_down_per_frame, 100);
  assert.equal(m.answered_edge, 1);
});

test('cloud-only: wireless and WAN hops both ways plus cloud compute, hand-computed', () => {
  const m = simulateRun(tiny(), 'cloud-only', 0).metrics;
  const up = (8 * 10000) / 8e6 + 0.01 + (8 * 10000) / 100e6 + 0.03;
  const down = (8 * 100) / 100e6 + 0.03 + (8 * 100) / 16e6 + 0.01;
  close(m.latency_mean, up + 0.002 + down, 1e-9);
  close(m.bytes_up_per_frame, 10000);
  assert.equal(m.answered_cloud, 1);
});

test('edge queue with Poisson frames and exponential service matches M/M/1', () => {
  // lambda = 8/s, E[S] = 0.1 s: rho = 0.8, Wq = rho / (mu - lambda) = 0.4 s.
  const p = tiny(
    'workload.arrivals={kind: poisson, fps: 8}',
    'models.edge.cost=expo',
    'network.uplink={mbps: 1e6}',
    'network.downlink={mbps: 1e6}',
    'frames=60000',
    'warmupFrames=2000',
  );
  const runs = [0, 1, 2, 3].map((r) => simulateRun(p, 'edge-only', r).metrics);
  const wq = runs.reduce((a, m) => a + m.t_server_queue, 0) / runs.length;
  const util = runs.reduce((a, m) => a + m.edge_utilization, 0) / runs.length;
  assert.ok(Math.abs(wq - 0.4) / 0.4 < 0.06, `Wq ${wq}`);
  assert.ok(Math.abs(util - 0.8) < 0.01, `utilization ${util}`);
});

/** Che's approximation of LRU's hit rate for independent requests with popularities p. */
function che(p: number[], capacity: number): number {
  const filled = (t: number) => p.reduce((a, q) => a + 1 - Math.exp(-q * t), 0);
  let lo = 0, hi = 1;
  while (filled(hi) < capacity) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (filled(mid) < capacity) lo = mid;
    else hi = mid;
  }
  return p.reduce((a, q) => a + q * (1 - Math.exp(-q * lo)), 0);
}

function cachenetIrm(...sets: string[]): MetricRow {
  const p = tiny(
    'outcomes.classes=50',
    'partitions.groups=50',
    'workload.scene.popularity={kind: zipf, s: 0.8}',
    'device.cache.slots=5',
    'cachenet={policy: lru, tau: 1e9, probe: all}',
    'frames=40000',
    'warmupFrames=1000',
    ...sets,
  );
  return simulateRun(p, 'cachenet', 0).metrics;
}

test('cachenet with an always-confident partition on independent requests: LRU hit rate matches Che', () => {
  const m = cachenetIrm();
  const w = Array.from({ length: 50 }, (_, i) => 1 / Math.pow(i + 1, 0.8));
  const sum = w.reduce((a, b) => a + b, 0);
  const expected = che(w.map((x) => x / sum), 5);
  assert.ok(Math.abs(m.answered_device - expected) < 0.015, `hit rate ${m.answered_device} vs Che ${expected}`);
  // Every hit is a hint hit here: out-of-specialty partitions always decline.
  close(m.answered_device, m.hint_cached_rate);
  close(m.partition_downloads_per_frame, 1 - m.answered_device);
});

test('cachenet: temporal locality raises the hit rate; belady beats lru', () => {
  const irm = cachenetIrm();
  const local = cachenetIrm('workload.scene.meanRun=20');
  assert.ok(local.answered_device > irm.answered_device + 0.3, `${local.answered_device} vs ${irm.answered_device}`);
  const belady = cachenetIrm('cachenet.policy=belady');
  assert.ok(belady.answered_device > irm.answered_device, `belady ${belady.answered_device} vs lru ${irm.answered_device}`);
});

test('cachenet: a hit is answered on the device after probing; a miss goes to the edge and pushes the partition', () => {
  const m = cachenetIrm('workload.scene.meanRun=20', 'cachenet.probe=mru', 'cachenet.push=blocking');
  assert.ok(m.answered_device > 0.8);
  close(m.answered_device + m.answered_edge, 1);
  assert.ok(m.t_partition_wait > 0, 'blocking pushes make misses wait');
  close(m.bytes_down_per_frame, 100 * m.answered_edge + 50000 * m.partition_downloads_per_frame, 1e-9);
});

test('same seed: identical results; another seed: different; strategies see the same frames', () => {
  const a = JSON.stringify(runScenario(tiny()));
  assert.equal(a, JSON.stringify(runScenario(tiny())));
  assert.notEqual(a, JSON.stringify(runScenario(tiny('seed=8'))));
  const lines: string[] = [];
  runScenario(tiny('replications=1', 'workload.scene.meanRun=5'), { sink: { write: (l) => void lines.push(l) } });
  const frames = (strategy: string) =>
    lines.filter((l) => l.startsWith(`${strategy},`)).map((l) => l.split(',').slice(2, 6).join(','));
  assert.equal(frames('device-only').length, 200);
  for (const s of ['edge-only', 'cloud-only', 'cachenet']) assert.deepEqual(frames(s), frames('device-only'), s);
});

test('every strategy: the latency parts add up to the latency, and every frame is counted once', () => {
  const path = fileURLToPath(new URL('../../scenarios/all-strategies.yaml', import.meta.url));
  const { scenario, baseDir } = loadScenario(path, ['frames=400', 'warmupFrames=50', 'replications=1']);
  const result = runScenario(prepare(scenario, baseDir));
  assert.equal(result.runs.length, 8);
  for (const { strategy, metrics: m } of result.runs) {
    const parts = ['device_queue', 'device_compute', 'upload', 'server_queue', 'server_compute', 'download', 'partition_wait'].reduce((a, p) => a + m[`t_${p}`], 0);
    assert.ok(Math.abs(parts - m.latency_mean) < 1e-9, `${strategy}: parts ${parts} vs latency ${m.latency_mean}`);
    assert.equal(m.frames, 350, strategy);
    close(m.answered_device + m.answered_edge + m.answered_cloud + m.drop_rate, 1, 1e-12);
  }
});

test('idle energy: idle power whenever the device is not computing, per arriving frame', () => {
  // 200 frames at 1 fps, 0.1 s of compute each: the run ends at 199.1 s with 20 s busy; idle power 1 W.
  const m = simulateRun(tiny(), 'device-only', 0).metrics;
  close(m.energy_idle_per_frame_j, (199.1 - 20) / 200, 1e-9);
  close(m.energy_total_per_frame_j, 0.4 + (199.1 - 20) / 200, 1e-9);
});

test('an overloaded device with a bounded queue drops frames; drops are counted, not answered', () => {
  // 10 fps against 0.1 s of compute with Poisson arrivals: rho = 1; at most 2 frames may wait.
  const m = simulateRun(tiny('workload.arrivals={kind: poisson, fps: 10}', 'device.maxQueue=2', 'frames=5000'), 'device-only', 0).metrics;
  assert.ok(m.drop_rate > 0.1 && m.drop_rate < 0.4, `drop rate ${m.drop_rate}`);
  close(m.answered_device + m.drop_rate, 1);
  assert.ok(m.latency_p99 <= 0.3 + 1e-9, `a kept frame waits for at most 2 others: p99 ${m.latency_p99}`);
});

test('cachenet seeing every request (always-confident partitions, pushes land before the next frame) downloads exactly what LRU and Belady replays of the hint stream miss', () => {
  for (const policy of ['lru', 'lfu', 'belady'] as const) {
    const p = tiny(
      'outcomes.classes=30', 'partitions.groups=30', 'workload.scene.popularity={kind: zipf, s: 0.9}', 'workload.scene.meanRun=3',
      'device.cache.slots=4', `cachenet={policy: ${policy}, tau: 1e9, probe: all}`, 'frames=5000', 'warmupFrames=0',
    );
    const hints: number[] = [];
    const f = emptyFrame(), src = frameSources(p, 0)[0];
    while (src.next(f)) hints.push(p.hintOf![f.sample]);
    const replayed = replayPolicy({ file: 'hints', keys: Int32Array.from(hints), keySpace: 30 }, policy, { capacity: 4 });
    const m = simulateRun(p, 'cachenet', 0).metrics;
    assert.equal(Math.round(m.partition_downloads_per_frame * 5000), replayed.misses, policy);
    close(m.hint_cached_rate, 1 - replayed.misses / 5000);
  }
});

test('cachenet blocking pushes: every frame that misses on a partition in flight waits for it too', () => {
  // 50 kB at 0.1 Mbit/s = 4 s per push, a frame a second, scenes of ~20 frames: several frames miss on each
  // push. Processor sharing, so their results are not queued behind the push (on FIFO they would be).
  const p = tiny('network.downlink={mbps: 0.1, rtt: 0}', 'network.sharing=ps', 'workload.scene.meanRun=20', 'cachenet={policy: lru, tau: 1e9, probe: all, push: blocking}', 'replications=1', 'strategies=[cachenet]');
  const lines: string[] = [];
  const [summary] = runScenario(p, { sink: { write: (l) => void lines.push(l) } }).summary;
  const cols = FRAME_COLUMNS;
  const waited = lines.map((l) => l.split(',')).filter((r) => r[cols.indexOf('where')] === 'edge' && Number(r[cols.indexOf('partition_wait')]) > 0);
  const pushes = summary.metrics.partition_downloads_per_frame * summary.metrics.frames;
  assert.ok(waited.length > 1.5 * pushes, `${waited.length} frames waited for ${pushes} pushes`);
});

test('radio energy is airtime: not the wait behind another device on a FIFO channel, not overlap counted twice', () => {
  // Two devices send 125 kB (1 s at 1 Mbit/s) at the same instants on one channel; transmit 1 W, receive 0.
  const base = ['workload.devices=2', 'network.shared=true', 'network.uplink={mbps: 1, rtt: 0}', 'workload.inputBytes=125000', 'device.power.receive=0', 'device.power.transmit=1', 'workload.arrivals={kind: fixed, fps: 0.2}', 'frames=20'];
  const fifo = simulateRun(tiny(...base), 'edge-only', 0).metrics;
  close(fifo.energy_per_frame_j, 1, 1e-9);
  close(fifo.t_upload, 1.5, 1e-9); // 1 s and 2 s
  // Processor sharing: both radios are on for the whole 2 s, each at half the rate.
  const ps = simulateRun(tiny(...base, 'network.sharing=ps'), 'edge-only', 0).metrics;
  close(ps.energy_per_frame_j, 2, 1e-9);
});

test('time-based statistics start when the warm-up ends', () => {
  // Frames at 1 fps, 0.1 s of compute, warm-up 100: statistics from t = 100 to the end at 199.1 s.
  const m = simulateRun(tiny('warmupFrames=100'), 'device-only', 0).metrics;
  close(m.device_utilization, 10 / 99.1, 1e-9);
  close(m.energy_idle_per_frame_j, (99.1 - 10) / 100, 1e-9);
});

test('cachenet missAnswer: the full model answers misses by default; with `partition` the encoder\'s partition does, at its cost on the edge', () => {
  // tiny: the full model is right 90% of the time; an in-specialty partition always (oracle encoder: always in specialty).
  const sets = ['strategies=[cachenet]', 'replications=1', 'device.cache.slots=0', 'frames=2000'];
  const full = simulateRun(tiny(...sets), 'cachenet', 0).metrics;
  const part = simulateRun(tiny(...sets, 'cachenet.missAnswer=partition'), 'cachenet', 0).metrics;
  assert.equal(full.answered_edge, 1);
  assert.ok(Math.abs(full.accuracy - 0.9) < 0.03, `full model ${full.accuracy}`);
  assert.equal(part.accuracy, 1);
  assert.notEqual(part.t_server_compute, full.t_server_compute);
});
