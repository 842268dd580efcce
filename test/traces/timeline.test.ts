import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { Rng } from '../../src/sim/rng.js';
import { emptyFrame } from '../../src/traces/frame.js';
import { readTimelines, TimelineSource } from '../../src/traces/timeline.js';
import { dataFile } from '../models/paths.js';
import { tiny } from '../scenario/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mcsim-timeline-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
// Video a: rank 0 on [0, 1), gap [1, 2), rank 2 on [2, 3). Video b: rank 1 on [10, 11).
const TWO = file('two.csv', 'video,start_s,end_s,rank\na,0,1,0\na,2,3,2\nb,10,11,1\n');
const samplesOf = Array.from({ length: 10 }, (_, c) => Int32Array.of(c));

function labels(background: number, frames: number, classOfRank = (r: number) => r): number[] {
  const timelines = readTimelines(TWO);
  // Find a seed whose start video is a, so the expected sequence is fixed.
  let seed = 0;
  while (new Rng(`s${seed}`).int(2) !== 0) seed++;
  const src = new TimelineSource({
    device: 0, frames, timelines, classOfRank, background, samplesOf,
    arrivals: { kind: 'fixed', fps: 2 }, inputBytes: 1, rng: new Rng(`s${seed}`),
  });
  const f = emptyFrame(), out: number[] = [];
  while (src.next(f)) {
    // Sample c stands for class c here: the sample shows the frame's class.
    out.push(f.sample);
  }
  return out;
}

test('timeline replay: frames show the covering interval; gaps are skipped or background; videos follow each other and wrap', () => {
  // At 2 fps: a at 0, 0.5 (rank 0), 1, 1.5 (gap), 2, 2.5 (rank 2), then b at 10, 10.5 (rank 1), then a again.
  assert.deepEqual(labels(-1, 8), [0, 0, 2, 2, 1, 1, 0, 0]);
  assert.deepEqual(labels(9, 8), [0, 0, 9, 9, 2, 2, 1, 1]);
  assert.deepEqual(labels(-1, 4, (r) => [7, 8, 6][r]), [7, 7, 6, 6]);
});

test('bad timelines are errors naming file and line; bad class mappings name the key', () => {
  const cases: Array<[string, RegExp]> = [
    ['video,start_s,end_s\n', /no column "rank"/],
    ['video,start_s,end_s,rank\na,1,1,0\n', /:2: expected 0 <= start_s < end_s/],
    ['video,start_s,end_s,rank\na,0,2,0\na,1,3,1\n', /:3: interval starts at 1 s, before the previous one of a ends/],
    ['video,start_s,end_s,rank\na,0,1,0\nb,0,1,0\na,2,3,0\n', /:4: rows of video a are not contiguous/],
  ];
  cases.forEach(([text, message], i) => {
    const path = file(`bad${i}.csv`, text);
    assert.throws(() => readTimelines(path), (e: unknown) => e instanceof InputError && e.message.startsWith(path) && message.test(e.message), text);
  });
  assert.throws(() => tiny(`workload.timeline={path: ${TWO}, classes: [0, 10]}`), /workload.timeline.classes\[1\]: class 10, but the outcome model has 10 classes/);
  assert.throws(() => tiny(`workload.timeline={path: ${TWO}, background: 12}`), /workload.timeline.background: class 12/);
});

test('the shipped EPIC-KITCHENS timelines: 138 videos, disjoint intervals, 21 category ranks', () => {
  const t = readTimelines(dataFile('video-labels/epic100_val_timelines.csv.gz'));
  assert.equal(t.length, 138);
  const ranks = new Set(t.flatMap((v) => Array.from(v.rank)));
  assert.deepEqual([...ranks].sort((a, b) => a - b), Array.from({ length: 21 }, (_, r) => r));
});

test('a video starts at its first interval: intervals shorter than the frame period are not lost when videos wrap', () => {
  const timelines = readTimelines(file('short.csv', 'video,start_s,end_s,rank\na,0.1,0.2,0\n'));
  const src = new TimelineSource({
    device: 0, frames: 5, timelines, classOfRank: (r) => r, background: -1, samplesOf: [Int32Array.of(0)],
    arrivals: { kind: 'fixed', fps: 1 }, inputBytes: 1, rng: new Rng('short'),
  });
  const f = emptyFrame(), t: number[] = [];
  while (src.next(f)) t.push(f.t);
  assert.deepEqual(t, [0, 1, 2, 3, 4]);
});
