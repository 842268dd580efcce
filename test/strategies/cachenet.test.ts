/**
 * cachenet's own rules: the entropy threshold (answer on the device when the best probed entropy < tau)
 * and the partition rule, against direct counts over the real CIFAR-10 tables; hit rates against
 * Che's approximation and against replays of the hint stream; what is pushed on a miss, and who waits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entropyNats, readProbTable } from '../../src/models/outcome-table.js';
import { replayPolicy } from '../../src/mrc/replay.js';
import { FRAME_COLUMNS, type MetricRow } from '../../src/world/recorder.js';
import { runScenario } from '../../src/run/run.js';
import { frameSources, simulateRun } from '../../src/run/simulate.js';
import { emptyFrame } from '../../src/traces/frame.js';
import { tiny } from '../scenario/helpers.js';
import { ROOT, eachSampleOnce } from './helpers.js';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);
const table = (name: string) => readProbTable(`${ROOT}data/model-outputs/cifar10_probs_${name}.csv.gz`);
const lenet = table('lenet5_netcal'), vgg = table('vgg16_verifiedcal');
const argmax = (p: ArrayLike<number>, from: number, n: number) => {
  let best = 0;
  for (let k = 1; k < n; k++) if (p[from + k] > p[from + best]) best = k;
  return best;
};
// default.yaml: 5 partitions of 2 consecutive classes restricting LeNet-5; the edge runs VGG-16, and the
// encoder's hint is the partition of VGG-16's predicted class.
const PARTS = [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]];
const hints = Int32Array.from({ length: vgg.n }, (_, s) => Math.floor(argmax(vgg.probs, s * vgg.classes, vgg.classes) / 2));
/** Partition p on sample s, by the stated rule: its classes' probabilities plus "other"; "other" on top declines. */
function partitionAnswer(p: number, s: number): { entropy: number; correct: boolean } {
  const set = PARTS[p], q = set.map((c) => lenet.probs[s * lenet.classes + c]);
  q.push(Math.max(0, 1 - q.reduce((a, b) => a + b, 0)));
  const arg = argmax(q, 0, q.length);
  if (arg === set.length) return { entropy: Infinity, correct: false };
  return { entropy: entropyNats(q, 0, q.length), correct: set[arg] === lenet.labels[s] };
}
const answers = Array.from({ length: lenet.n }, (_, s) => PARTS.map((_, p) => partitionAnswer(p, s)));

/**
 * With every partition fitting in the cache, `probe: all` and pushes landing before the next frame:
 * a frame is a hit iff the lowest entropy among the cached partitions is < tau; a miss caches its hint.
 */
function directCount(tau: number): { hits: number; right: number; downloads: number } {
  const cached = new Set<number>();
  let hits = 0, right = 0;
  for (let s = 0; s < lenet.n; s++) {
    let best = -1;
    for (const p of [...cached].sort()) if (best < 0 || answers[s][p].entropy < answers[s][best].entropy) best = p;
    if (best >= 0 && answers[s][best].entropy < tau) {
      hits++;
      right += answers[s][best].correct ? 1 : 0;
    } else {
      right += argmax(vgg.probs, s * vgg.classes, vgg.classes) === vgg.labels[s] ? 1 : 0;
      cached.add(hints[s]);
    }
  }
  return { hits, right, downloads: cached.size };
}

function run(tau: number) {
  // The partitions the direct count pushes (hints) are the edge encoder's own, which the run computes.
  const p = eachSampleOnce(
    'default.yaml', lenet.labels, 'strategies=[cachenet]',
    `cachenet={policy: lru, tau: ${tau}, probe: all, push: background}`, 'device.cache.slots=5',
    'network.uplink={mbps: 50, rtt: 0.02}', 'network.downlink={mbps: 50, rtt: 0.02}',
  );
  return simulateRun(p, 'cachenet', 0).metrics;
}

test('cachenet on real CIFAR-10 outputs, each sample once: hit rate and accuracy equal the direct count for a finite tau, including a tau equal to a probed entropy', () => {
  // A tau that is exactly the best cached entropy of a late frame (all partitions cached by then):
  // that frame must go to the edge (entropy < tau, not <=).
  const late = answers.slice(5000).map((a) => Math.min(...a.map((x) => x.entropy))).filter(Number.isFinite).sort((a, b) => a - b);
  const atAFrame = late[Math.floor(late.length / 3)];
  for (const tau of [0.3, atAFrame]) {
    const m = run(tau), want = directCount(tau);
    assert.ok(want.hits > 1000 && want.hits < 9000, `tau ${tau}: a non-trivial hit count (${want.hits})`);
    assert.equal(m.answered_device, want.hits / lenet.n, `tau ${tau}: hit rate`);
    assert.equal(m.accuracy, want.right / lenet.n, `tau ${tau}: accuracy`);
    assert.equal(m.partition_downloads_per_frame, want.downloads / lenet.n, `tau ${tau}: downloads`);
  }
  // The count itself tells the three readings of the threshold apart.
  const lt = directCount(atAFrame).hits;
  assert.ok(directCount(atAFrame * (1 + 1e-12)).hits > lt, '<= tau would answer more frames');
  assert.ok(directCount(2 * atAFrame).hits > lt, '< 2 tau would answer more frames');
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

test('cachenet push energy: every counted push is charged its airtime at the receive power, the push a counted frame causes first included', () => {
  // tiny: 50,000-byte partitions on a 16 Mbit/s downlink, 1 W receive power: 0.025 J a push.
  const perPush = (1 * 50_000 * 8) / 16e6;
  for (const warmup of [0, 5]) {
    const m = simulateRun(tiny('strategies=[cachenet]', `warmupFrames=${warmup}`, 'frames=60'), 'cachenet', 0).metrics;
    assert.ok(m.partition_downloads_per_frame > 0);
    const close = Math.abs(m.download_radio_energy_j_per_frame - m.partition_downloads_per_frame * perPush);
    assert.ok(close < 1e-12, `warmupFrames ${warmup}: ${m.download_radio_energy_j_per_frame} J/frame for ${m.partition_downloads_per_frame} pushes/frame`);
  }
});
