/**
 * Scene statistics of frame streams: the EPIC-KITCHENS-100 timelines (data/video-labels/) next to the
 * synthetic generator's laws, as replayed by the simulator's own frame sources, at the scene level
 * (21 noun categories / 10 classes) and at the level prefetch works on (5 CIFAR-10 partitions of 2
 * classes; EPIC rank r -> class r mod 10, as in scenarios/epic-kitchens.yaml). Prints the markdown
 * table of docs/prefetch.md. Run from the repository root: `npx tsx scripts/scene-stats.ts [fps]`.
 *
 * Per stream: runs (maximal stretches of frames with one scene), their length in frames and seconds
 * (mean, median, p90); over scene changes: H(next) (entropy of the scene entered, bits), H(next |
 * current) (the same given the scene left), and the top-1 accuracy of two online guesses made before
 * each change is seen: the markov predictor of cachenet's prefetch (prior 1, no decay) and the most
 * popular scene entered so far other than the current one (popularity only).
 *
 * What a markov prefetch does to a 2-slot LRU cache (which, at a change A -> B, holds B and A): a guess
 * g = A is already cached (no push); a guess g != A evicts A. Over changes after the first: the share
 * that return to the scene just left (B -> A: LRU's hits), the share where a guess g != A is right
 * (prefetch gains a hit) and the share where g != A but the stream returns to A (prefetch loses LRU's
 * hit). Gain minus loss is what markov prefetch can add to scene-start hits with true scenes and an
 * instant push; the simulator's markov learns from encoder hints and pushes take time.
 */
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/sim/rng.js';
import { MarkovPredictor } from '../src/strategies/prefetch/markov.js';
import { emptyFrame, type FrameSource } from '../src/traces/frame.js';
import type { Transitions } from '../src/traces/scene-transitions.js';
import { readTimelines, TimelineSource } from '../src/traces/timeline.js';
import { VideoSource } from '../src/traces/video.js';

const fps = Number(process.argv[2] ?? 5);
const FRAMES = 200_000;
const timelines = readTimelines(fileURLToPath(new URL('../data/video-labels/epic100_val_timelines.csv.gz', import.meta.url)));
const annotatedSeconds = timelines.reduce((s, v) => s + v.end.reduce((a, e, i) => a + e - v.start[i], 0), 0);

const samplesOf = Array.from({ length: 21 }, (_, c) => Int32Array.of(c));
const arrivals = { kind: 'fixed', fps } as const;

/** Scene ids of a stream, per frame, mapped by `scene`. */
function scenes(src: FrameSource, scene: (label: number) => number): Int32Array {
  const out: number[] = [];
  const f = emptyFrame();
  while (src.next(f)) out.push(scene(f.sample)); // sample c is a frame of class c (samplesOf below)
  return Int32Array.from(out);
}

const epic = (classes: number) =>
  new TimelineSource({
    device: 0, frames: Math.round(annotatedSeconds * fps), timelines, classOfRank: (r) => r % classes, background: -1,
    samplesOf, arrivals, inputBytes: 1, rng: new Rng('scene-stats'),
  });
const synthetic = (transitions: Transitions, meanRun = 30) =>
  new VideoSource({
    device: 0, frames: FRAMES, classes: 10, samplesOf, meanRun, popularity: { kind: 'zipf', s: 0.8 },
    transitions, arrivals, inputBytes: 1, rng: new Rng('scene-stats'),
  });
const ROUTE = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
const partition = (c: number) => c >> 1;

const rows: Array<[string, Int32Array]> = [
  ['EPIC-KITCHENS, 21 noun categories', scenes(epic(21), (c) => c)],
  ['EPIC-KITCHENS, 5 partitions (rank mod 10, pairs)', scenes(epic(10), partition)],
  ['synthetic independent (Zipf 0.8, meanRun 30), 5 partitions', scenes(synthetic({ kind: 'independent' }), partition)],
  ['synthetic patrol noise 0.3, 5 partitions', scenes(synthetic({ kind: 'patrol', noise: 0.3, route: ROUTE }), partition)],
  ['synthetic patrol noise 0, 5 partitions', scenes(synthetic({ kind: 'patrol', noise: 0, route: ROUTE }), partition)],
  ['synthetic sparse (2 successors), 5 partitions', scenes(synthetic({ kind: 'sparse', noise: 0, successors: 2, seed: 1 }), partition)],
];

console.log(`Scene statistics at ${fps} fps (\`npx tsx scripts/scene-stats.ts ${fps}\`).\n`);
console.log('| stream | frames | runs | run frames mean / median / p90 | run s mean | H(next) bits | H(next \\| current) bits | markov top-1 | popularity top-1 | return to the scene left | markov gain / loss vs 2-slot LRU |');
console.log('|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|');
for (const [name, s] of rows) console.log(row(name, s));

function row(name: string, s: Int32Array): string {
  const runs: number[] = [];
  let len = 1;
  for (let i = 1; i <= s.length; i++) {
    if (i < s.length && s[i] === s[i - 1]) len++;
    else (runs.push(len), (len = 1));
  }
  runs.sort((a, b) => a - b);
  const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
  const q = (p: number) => runs[Math.min(runs.length - 1, Math.floor(p * runs.length))];
  const n = s.reduce((m, x) => Math.max(m, x + 1), 0);
  const pair = new Float64Array(n * n), into = new Float64Array(n), from = new Float64Array(n);
  const markov = new MarkovPredictor(n, { prior: 1, decay: 1 });
  const entered = new Float64Array(n);
  const best = new Int32Array(1);
  let changes = 0, markovRight = 0, popularRight = 0, returns = 0, gains = 0, losses = 0, left = -1;
  markov.observe(s[0]);
  for (let i = 1; i < s.length; i++) {
    const a = s[i - 1], b = s[i];
    if (a === b) continue;
    changes++;
    const guess = markov.rank(best) > 0 ? best[0] : -1;
    if (guess === b) markovRight++;
    // At this change a -> b the 2-slot LRU holds a and the scene left before it (`left`).
    if (left >= 0) {
      if (b === left) returns++;
      if (guess !== left && guess === b) gains++;
      if (guess !== left && b === left) losses++;
    }
    left = a;
    if (mostPopularOther(entered, a) === b) popularRight++;
    markov.observe(b);
    entered[b]++;
    pair[a * n + b]++;
    into[b]++;
    from[a]++;
  }
  const H = (counts: ArrayLike<number>, total: number) =>
    Array.from(counts).reduce((h, c) => (c > 0 ? h - (c / total) * Math.log2(c / total) : h), 0);
  let hCond = 0;
  for (let a = 0; a < n; a++) if (from[a] > 0) hCond += (from[a] / changes) * H(pair.subarray(a * n, (a + 1) * n), from[a]);
  const pct = (x: number, of = changes) => `${((100 * x) / of).toFixed(1)}%`;
  return `| ${name} | ${s.length} | ${runs.length} | ${mean.toFixed(1)} / ${q(0.5)} / ${q(0.9)} | ${(mean / fps).toFixed(2)} | ${H(into, changes).toFixed(2)} | ${hCond.toFixed(2)} | ${pct(markovRight)} | ${pct(popularRight)} | ${pct(returns, changes - 1)} | ${pct(gains, changes - 1)} / ${pct(losses, changes - 1)} |`;
}

function mostPopularOther(counts: Float64Array, current: number): number {
  let best = -1;
  for (let c = 0; c < counts.length; c++) if (c !== current && (best < 0 || counts[c] > counts[best])) best = c;
  return best;
}
