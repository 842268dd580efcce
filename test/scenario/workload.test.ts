import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { runScenario } from '../../src/scenario/run.js';
import { simulateRun } from '../../src/run/simulate.js';
import { emptyFrame } from '../../src/traces/frame.js';
import { readFrameCsv } from '../../src/traces/frame-csv.js';
import { popularityCdf, VideoSource } from '../../src/traces/video.js';
import { Rng } from '../../src/sim/rng.js';
import { tiny } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mcsim-frames-'));
const csv = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test('a frame CSV replays exactly its frames, in any column order', () => {
  const path = csv('frames.csv', 'device,t,label,part,sample,bytes\n0,0,3,3,301,1000\n0,0.5,3,3,302,1000\n1,0.25,7,7,700,2000\n');
  const p = tiny('workload.devices=2', `workload.trace=${path}`, 'replications=1');
  const lines: string[] = [];
  runScenario(p, { sink: { write: (l) => void lines.push(l) } });
  // label: the truth of the sample (tiny: 100 samples per class); part: no hint outside cachenet.
  const dev = lines.filter((l) => l.startsWith('device-only,')).map((l) => l.split(',').slice(2, 7).join(','));
  assert.deepEqual(dev.sort(), ['0,0,0,3,-1', '0,1,0.5,3,-1', '1,0,0.25,7,-1']);
});

test('bad frame rows are errors naming file and line', () => {
  const cases: Array<[string, RegExp]> = [
    ['t,device,label,part,sample\n', /: no column "bytes"/],
    ['t,device,sample,bytes\n0,0,1.5,10\n', /:2: column "sample": expected an integer/],
    ['t,device,label,part,sample,bytes\n0,0,1,1,1,10\nx,0,1,1,1,10\n', /:3: column "t": expected a number/],
    ['t,device,label,part,sample,bytes\n1,0,1,1,1,10\n0.5,0,1,1,1,10\n', /:3: time 0.5 goes back/],
    ['t,device,label,part,sample,bytes\n0,5,1,1,1,10\n', /:2: device 5 but the scenario has 1/],
  ];
  cases.forEach(([text, message], i) => {
    const path = csv(`bad${i}.csv`, text);
    assert.throws(() => readFrameCsv(path, 1), (e: unknown) => e instanceof InputError && e.message.startsWith(path) && message.test(e.message));
  });
});

test('video source: scenes persist for meanRun frames on average and classes follow the popularity law', () => {
  const samplesOf = Array.from({ length: 10 }, (_, c) => Int32Array.of(c * 10, c * 10 + 1));
  const src = new VideoSource({
    device: 0, frames: 200_000, classes: 10, samplesOf, meanRun: 8,
    popularity: { kind: 'zipf', s: 1 }, arrivals: { kind: 'fixed', fps: 10 }, inputBytes: 1, rng: new Rng('video'),
  });
  const f = emptyFrame();
  const counts = new Float64Array(10);
  let runs = 0, prev = -1, n = 0, lastT = -1;
  while (src.next(f)) {
    const scene = Math.floor(f.sample / 10);
    counts[scene]++;
    if (scene !== prev) runs++;
    prev = scene;
    assert.ok(samplesOf[scene].includes(f.sample));
    assert.ok(f.t > lastT);
    lastT = f.t;
    n++;
  }
  assert.equal(n, 200_000);
  assert.ok(Math.abs(lastT - 19_999.9) < 1e-6);
  const cdf = popularityCdf(10, { kind: 'zipf', s: 1 });
  for (let c = 0; c < 10; c++) {
    const share = counts[c] / n, expected = cdf[c] - (c > 0 ? cdf[c - 1] : 0);
    assert.ok(Math.abs(share - expected) < 0.02, `class ${c}: ${share} vs ${expected}`);
  }
  // A switch redraws the class, so a visible run lasts meanRun / (1 - P(same class again)).
  const pSame = Array.from({ length: 10 }, (_, c) => (cdf[c] - (c > 0 ? cdf[c - 1] : 0)) ** 2).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(n / runs - 8 / (1 - pSame)) / (8 / (1 - pSame)) < 0.05, `visible run ${n / runs}`);
});

test('devices sharing one wireless channel wait for each other; separate channels do not', () => {
  const sets = ['workload.devices=4', 'workload.arrivals={kind: fixed, fps: 20}', 'network.uplink={mbps: 8, rtt: 0}'];
  const separate = simulateRun(tiny(...sets), 'edge-only', 0).metrics;
  const shared = simulateRun(tiny(...sets, 'network.shared=true'), 'edge-only', 0).metrics;
  // 10 kB at 8 Mbit/s = 10 ms; four devices sending at the same instants on one FIFO channel wait 0, 10, 20, 30 ms.
  assert.ok(Math.abs(separate.t_upload - 0.01) < 1e-9, `${separate.t_upload}`);
  assert.ok(Math.abs(shared.t_upload - 0.025) < 1e-9, `${shared.t_upload}`);
  assert.ok(shared.uplink_utilization > 3.5 * separate.uplink_utilization);
});
