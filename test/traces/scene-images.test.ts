import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Rng } from '../../src/sim/rng.js';
import { emptyFrame, type FrameSource } from '../../src/traces/frame.js';
import { readTimelines, TimelineSource } from '../../src/traces/timeline.js';
import { VideoSource } from '../../src/traces/video.js';

// Sample c * PER + j is the j-th test image of class c, so a frame's class is readable from its sample.
const PER = 50;
const CLASSES = 4;
const samplesOf = Array.from({ length: CLASSES }, (_, c) => Int32Array.from({ length: PER }, (_, j) => c * PER + j));
const classOf = (sample: number) => Math.floor(sample / PER);

interface Shown {
  t: number;
  sample: number;
}

function drain(src: FrameSource): Shown[] {
  const f = emptyFrame(), out: Shown[] = [];
  while (src.next(f)) out.push({ t: f.t, sample: f.sample });
  return out;
}

/**
 * Generated frames; `reuse` undefined: no option. Patrol transitions never redraw the class at a
 * switch, so a scene is exactly a maximal run of one class here.
 */
function video(seed: string, frames: number, meanRun: number, reuse?: number): Shown[] {
  return drain(
    new VideoSource({
      device: 0, frames, classes: CLASSES, samplesOf, meanRun,
      popularity: { kind: 'uniform' }, transitions: { kind: 'patrol', noise: 0 },
      arrivals: { kind: 'poisson', fps: 10 }, inputBytes: 1, rng: new Rng(seed),
      imageReuse: reuse === undefined ? undefined : { p: reuse, rng: new Rng(`${seed}/image-reuse`) },
    }),
  );
}

/** Pairs of frames `lag` apart within one scene. */
function pairsInScenes(frames: Shown[], lag: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < frames.length; i++) {
    if (i > 0 && classOf(frames[i].sample) !== classOf(frames[i - 1].sample)) start = i;
    if (i - lag >= start) out.push([frames[i - lag].sample, frames[i].sample]);
  }
  return out;
}

test('image reuse 0 draws exactly what no option draws; 1 shows one image per scene, a fresh one at each scene', () => {
  assert.deepEqual(video('a', 5000, 6, 0), video('a', 5000, 6));
  const one = video('a', 5000, 6, 1);
  const scenes: number[] = [];
  one.forEach((f, i) => {
    if (i === 0 || classOf(f.sample) !== classOf(one[i - 1].sample)) scenes.push(f.sample);
    else assert.equal(f.sample, one[i - 1].sample, `frame ${i} changed image within its scene`);
  });
  assert.ok(scenes.length > 500);
  assert.ok(new Set(scenes).size > PER, 'scenes draw fresh images');
  // Arrivals and scenes do not depend on the reuse: the same times and classes as without the option.
  const iid = video('a', 5000, 6);
  assert.deepEqual(one.map((f) => [f.t, classOf(f.sample)]), iid.map((f) => [f.t, classOf(f.sample)]));
});

test('image reuse r: consecutive frames of a scene repeat their image at rate r + (1 - r) / n, and a binary per-frame score correlates by r^k', () => {
  const r = 0.6;
  const frames = video('b', 40_000, 20, r);
  const lag1 = pairsInScenes(frames, 1);
  const p = r + (1 - r) / PER;
  const repeats = lag1.filter(([a, b]) => a === b).length;
  // Each repeat is an independent Bernoulli(p) (a fresh coin and a fresh draw per frame): a 99.9% binomial interval.
  const half = 3.29 * Math.sqrt((p * (1 - p)) / lag1.length);
  assert.ok(Math.abs(repeats / lag1.length - p) < half, `repeat rate ${repeats / lag1.length}, expected ${p} +- ${half}`);
  // g: "the model is right on this image", right on 30% of each class's images.
  const g = (s: number) => (s % PER < 15 ? 1 : 0);
  const corr = (pairs: Array<[number, number]>) => {
    const xs = pairs.map(([a]) => g(a)), ys = pairs.map(([, b]) => g(b));
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const mx = mean(xs), my = mean(ys);
    const cov = mean(xs.map((x, i) => (x - mx) * (ys[i] - my)));
    return cov / Math.sqrt(mean(xs.map((x) => (x - mx) ** 2)) * mean(ys.map((y) => (y - my) ** 2)));
  };
  for (const k of [1, 2, 4]) {
    const c = corr(pairsInScenes(frames, k));
    assert.ok(Math.abs(c - r ** k) < 0.03, `lag ${k}: correlation ${c}, expected ${r ** k}`);
  }
  const across = frames.slice(1).map((f, i): [number, number] => [frames[i].sample, f.sample]).filter(([a, b]) => classOf(a) !== classOf(b));
  assert.ok(Math.abs(corr(across)) < 0.05, 'frames of different scenes are independent');
});

test('property: reuse only ever shows an image the independent stream drew earlier in the same scene; same seed, same frames', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 12 }), (seed, r, meanRun) => {
      const iid = video(seed, 300, meanRun);
      const reused = video(seed, 300, meanRun, r);
      assert.deepEqual(reused, video(seed, 300, meanRun, r));
      let start = 0;
      reused.forEach((f, i) => {
        assert.equal(f.t, iid[i].t);
        assert.equal(classOf(f.sample), classOf(iid[i].sample));
        if (i > 0 && classOf(f.sample) !== classOf(reused[i - 1].sample)) start = i;
        const shown = iid.slice(start, i + 1).some((x) => x.sample === f.sample);
        assert.ok(shown, `frame ${i} shows an image not drawn in its scene`);
      });
    }),
    { numRuns: 60 },
  );
});

test('timeline replay: with reuse 1 an interval shows one image, and the next interval a fresh one even of the same class', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-images-'));
  const path = join(dir, 'same-class.csv');
  // Two adjacent intervals of one category, then a gap (background) and the category again.
  writeFileSync(path, 'video,start_s,end_s,rank\na,0,1,0\na,1,2,0\na,3,4,0\n');
  const src = new TimelineSource({
    device: 0, frames: 16, timelines: readTimelines(path), classOfRank: () => 1, background: 2, samplesOf,
    arrivals: { kind: 'fixed', fps: 4 }, inputBytes: 1, rng: new Rng('t'), imageReuse: { p: 1, rng: new Rng('t/image-reuse') },
  });
  const shown = drain(src).map((f) => f.sample);
  const runs = [0, 4, 8, 12].map((i) => shown.slice(i, i + 4));
  for (const run of runs) assert.equal(new Set(run).size, 1, `one image per interval or gap: ${run}`);
  assert.deepEqual(runs.map((run) => classOf(run[0])), [1, 1, 2, 1]);
  assert.equal(new Set(runs.map((run) => run[0])).size, 4, 'each interval draws its own image');
});
