/**
 * cachenet's own rules, checked against direct counts over the real CIFAR-10 tables: the entropy
 * threshold (answer on the device when the best probed entropy < tau), the partition rule the
 * device's answers follow, and what is pushed on a miss.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entropyNats, readProbTable } from '../../src/models/outcome-table.js';
import { simulateRun } from '../../src/scenario/simulate.js';
import { ROOT, eachSampleOnceWithHints } from './helpers.js';

const table = (name: string) => readProbTable(`${ROOT}data/model-outputs/cifar10_probs_${name}.csv.gz`);
const wrn = table('wrn16_4_netcal'), vgg = table('vgg16_verifiedcal');
const argmax = (p: ArrayLike<number>, from: number, n: number) => {
  let best = 0;
  for (let k = 1; k < n; k++) if (p[from + k] > p[from + best]) best = k;
  return best;
};
// default.yaml: 5 partitions of 2 consecutive classes restricting WRN-16-4; the edge runs VGG-16.
const PARTS = [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]];
const hints = Int32Array.from(wrn.labels, (label) => Math.floor(label / 2));
/** Partition p on sample s, by the stated rule: its classes' probabilities plus "other"; "other" on top declines. */
function partitionAnswer(p: number, s: number): { entropy: number; correct: boolean } {
  const set = PARTS[p], q = set.map((c) => wrn.probs[s * wrn.classes + c]);
  q.push(Math.max(0, 1 - q.reduce((a, b) => a + b, 0)));
  const arg = argmax(q, 0, q.length);
  if (arg === set.length) return { entropy: Infinity, correct: false };
  return { entropy: entropyNats(q, 0, q.length), correct: set[arg] === wrn.labels[s] };
}
const answers = Array.from({ length: wrn.n }, (_, s) => PARTS.map((_, p) => partitionAnswer(p, s)));

/**
 * With every partition fitting in the cache, `probe: all` and pushes landing before the next frame:
 * a frame is a hit iff the lowest entropy among the cached partitions is < tau; a miss caches its hint.
 */
function directCount(tau: number): { hits: number; right: number; downloads: number } {
  const cached = new Set<number>();
  let hits = 0, right = 0;
  for (let s = 0; s < wrn.n; s++) {
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
  const p = eachSampleOnceWithHints(
    'default.yaml', wrn.labels, hints, 'strategies=[cachenet]',
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
    assert.equal(m.answered_device, want.hits / wrn.n, `tau ${tau}: hit rate`);
    assert.equal(m.accuracy, want.right / wrn.n, `tau ${tau}: accuracy`);
    assert.equal(m.partition_downloads_per_frame, want.downloads / wrn.n, `tau ${tau}: downloads`);
  }
  // The count itself tells the three readings of the threshold apart.
  const lt = directCount(atAFrame).hits;
  assert.ok(directCount(atAFrame * (1 + 1e-12)).hits > lt, '<= tau would answer more frames');
  assert.ok(directCount(2 * atAFrame).hits > lt, '< 2 tau would answer more frames');
});
