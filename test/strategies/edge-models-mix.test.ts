/**
 * Which application each frame asks for (strategies/edge-models/apps.ts): Zipf popularity over the
 * ranking, sessions of mean meanRun frames, per-device rankings, rankings redrawn every shiftEvery
 * seconds, and byVideo (the recorded video's index mod the applications, on a real timeline).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AppMix, mixSchema } from '../../src/strategies/edge-models/apps.js';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { Recorder } from '../../src/world/recorder.js';
import { World } from '../../src/world/world.js';
import { CostTraces } from '../../src/world/cost-trace.js';
import { popularityCdf } from '../../src/traces/video.js';
import { ROOT } from './helpers.js';
import { tiny } from '../scenario/helpers.js';

const world = (devices: number) => {
  const p = tiny(`workload.devices=${devices}`);
  return new World(p, 0, new Recorder({ truth: p.truth, partOf: p.partOf, warmupFrames: 0 }));
};
const draws = (mix: AppMix, d: number, n: number, dt = 1) => Array.from({ length: n }, (_, i) => mix.next(d, i * dt, -1));

test('Zipf over the ranking: frequencies within 1 point of the law; sessions of mean meanRun frames', () => {
  const n = 200_000, apps = 6;
  const fresh = draws(new AppMix(world(1), mixSchema.parse({ popularity: { kind: 'zipf', s: 1 } }), apps), 0, n);
  const cdf = popularityCdf(apps, { kind: 'zipf', s: 1 });
  for (let k = 0; k < apps; k++) {
    const share = fresh.filter((a) => a === k).length / n;
    assert.ok(Math.abs(share - (cdf[k] - (k > 0 ? cdf[k - 1] : 0))) < 0.01, `application ${k}: ${share}`);
  }
  const sessions = draws(new AppMix(world(1), mixSchema.parse({ meanRun: 50 }), apps), 0, n);
  // A session ends with probability 1/50 a frame, and the next draw may repeat the application.
  let changes = 0;
  for (let i = 1; i < n; i++) if (sessions[i] !== sessions[i - 1]) changes++;
  const repeat = Array.from(cdf, (c, k) => (c - (k > 0 ? cdf[k - 1] : 0)) ** 2).reduce((a, b) => a + b, 0);
  const expected = (n / 50) * (1 - repeat);
  assert.ok(Math.abs(changes - expected) < 0.1 * expected, `${changes} changes, ${expected} expected`);
});

test('perDevice: each device its own ranking; shiftEvery: the ranking is redrawn each period, the same for every device', () => {
  const top = (xs: number[]) => [...new Set(xs)].sort((a, b) => xs.filter((x) => x === b).length - xs.filter((x) => x === a).length)[0];
  const per = new AppMix(world(4), mixSchema.parse({ popularity: { kind: 'zipf', s: 3 }, perDevice: true }), 12);
  const favourites = [0, 1, 2, 3].map((d) => top(draws(per, d, 2000)));
  assert.ok(new Set(favourites).size > 1, `favourites ${favourites}`);
  const shifting = new AppMix(world(2), mixSchema.parse({ popularity: { kind: 'zipf', s: 3 }, shiftEvery: 100 }), 12);
  const periods = [0, 1, 2, 3, 4, 5].map((e) => top(Array.from({ length: 500 }, (_, i) => shifting.next(0, e * 100 + i * 0.2, -1))));
  assert.ok(new Set(periods).size > 1, `favourite by period ${periods}`);
  const other = [0, 1, 2, 3, 4, 5].map((e) => top(Array.from({ length: 500 }, (_, i) => shifting.next(1, e * 100 + i * 0.2, -1))));
  assert.deepEqual(other, periods, 'one ranking for every device');
});

test('byVideo on the EPIC-KITCHENS timelines: the application follows the recording; without a timeline it is refused', () => {
  const mix = new AppMix(world(1), mixSchema.parse({ byVideo: true }), 12);
  assert.deepEqual([0, 5, 12, 137].map((v) => mix.next(0, 0, v)), [0, 5, 0, 5]);
  const sets = ['frames=3000', 'warmupFrames=0', 'replications=1', 'workload.devices=1', 'workload.arrivals={kind: fixed, fps: 5}', 'workload.scene={meanRun: 1}',
    'workload.timeline={path: ../data/video-labels/epic100_val_timelines.csv.gz}', 'edge-models.mix={byVideo: true}'];
  const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios/edge-models.yaml'), sets);
  const traces = new CostTraces();
  runScenario(prepare(scenario, baseDir), { costTrace: () => traces });
  const ids = traces.caches[0].csv().split('\n').slice(1, -1).map((l) => Number(l.split(',')[1]));
  const runs = ids.filter((k, i) => i === 0 || k !== ids[i - 1]).length;
  // 3,000 frames at 5 fps are 10 minutes: a few videos (the validation set's run a few minutes each).
  assert.ok(runs >= 2 && runs < 30, `${runs} runs of one application`);
  const { scenario: plain, baseDir: dir } = loadScenario(join(ROOT, 'scenarios/edge-models.yaml'), ['frames=100', 'warmupFrames=0', 'replications=1', 'edge-models.mix={byVideo: true}']);
  assert.throws(() => runScenario(prepare(plain, dir)), { message: /edge-models\.mix\.byVideo maps recorded videos to applications: it needs workload\.timeline/ });
});
