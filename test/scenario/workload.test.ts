import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/errors.js';
import { runScenario } from '../../src/run/run.js';
import { applySets, parseScenario, readScenarioFile } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { FRAME_COLUMNS } from '../../src/world/recorder.js';
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

/** The per-frame lines of one strategy, as records named by FRAME_COLUMNS. */
const logged = (lines: string[], strategy: string) =>
  lines.filter((l) => l.startsWith(`${strategy},`)).map((l) => Object.fromEntries(l.trimEnd().split(',').map((v, i) => [FRAME_COLUMNS[i], v])));

test('a frame CSV replays exactly its frames, in any column order, with a declared ignored column', () => {
  const path = csv('frames.csv', 'device,t,label,camera,sample,bytes\n0,0,3,a,301,1000\n0,0.5,3,a,302,1000\n1,0.25,7,b,700,2000\n');
  const p = tiny('workload.devices=2', `workload.trace=${path}`, 'workload.ignoreColumns=[camera]', 'replications=1');
  const lines: string[] = [];
  runScenario(p, { sink: { write: (l) => void lines.push(l) } });
  // label: the truth of the sample (tiny: 100 samples per class); part: no hint outside cachenet.
  const dev = logged(lines, 'device-only').map((r) => [r.device, r.seq, r.t, r.sample, r.bytes, r.label, r.part].join(','));
  assert.deepEqual(dev.sort(), ['0,0,0,301,1000,3,-1', '0,1,0.5,302,1000,3,-1', '1,0,0.25,700,2000,7,-1']);
});

test('a frame CSV of labels only: each replication draws a test sample of the frame\'s class, the same for every strategy', () => {
  const rows = Array.from({ length: 40 }, (_, i) => `${i * 0.1},0,${Math.floor(i / 10) * 2},500`);
  const path = csv('labels.csv', `t,device,label,bytes\n${rows.join('\n')}\n`);
  const p = tiny(`workload.trace=${path}`, 'frames=40', 'warmupFrames=0', 'replications=2');
  const lines: string[] = [];
  runScenario(p, { sink: { write: (l) => void lines.push(l) } });
  const byStrategy = p.scenario.strategies.map((s) => logged(lines, s));
  for (const records of byStrategy) {
    assert.equal(records.length, 80);
    for (const r of records) {
      assert.equal(Number(r.label), Math.floor(Number(r.seq) / 10) * 2, 'the logged truth is the file\'s label');
      assert.equal(p.truth[Number(r.sample)], Number(r.label), 'the drawn sample is of that class');
    }
    const samples = (rep: string) => records.filter((r) => r.replication === rep).map((r) => r.sample).join();
    assert.notEqual(samples('0'), samples('1'), 'replications draw fresh samples');
  }
  const samplesOf = (records: Array<Record<string, string>>) => records.map((r) => `${r.replication}:${r.seq}:${r.sample}`).sort().join();
  for (const records of byStrategy) assert.equal(samplesOf(records), samplesOf(byStrategy[0]), 'every strategy sees the same frames');
});

test('a per-frame log of one strategy and replication replays as a frame file: the same frames, the same results', () => {
  const sets = ['frames=300', 'warmupFrames=0', 'replications=1'];
  const first: string[] = [];
  runScenario(tiny(...sets), { sink: { write: (l) => void first.push(l) } });
  const header = FRAME_COLUMNS.join(',');
  const log = csv('log.csv', [header, ...first.filter((l) => l.startsWith('device-only,0,'))].join('\n'));
  const again: string[] = [];
  runScenario(tiny(...sets, `workload.trace=${log}`), { sink: { write: (l) => void again.push(l) } });
  assert.equal(logged(first, 'device-only').length, 300);
  assert.deepEqual(logged(again, 'device-only'), logged(first, 'device-only'));
});

test('a frame CSV of labels keeps its scenes: the generated run\'s hit rate lies in the replay\'s interval; shuffled labels lose it', () => {
  const DEFAULT = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
  const bundled = (...sets: string[]) => {
    const raw = readScenarioFile(DEFAULT);
    applySets(raw, ['frames=600', 'warmupFrames=0', 'strategies=[cachenet]', ...sets]);
    return prepare(parseScenario(raw, DEFAULT), dirname(DEFAULT));
  };
  const lines: string[] = [];
  const generated = runScenario(bundled('replications=1'), { sink: { write: (l) => void lines.push(l) } });
  // The log is in completion order; a frame file is in arrival order.
  const frames = logged(lines, 'cachenet').sort((a, b) => Number(a.seq) - Number(b.seq)).map((r) => [r.t, r.device, r.label, r.bytes]);
  const file = (name: string, rows: string[][]) => csv(name, ['t,device,label,bytes', ...rows.map((r) => r.join(','))].join('\n') + '\n');
  const replay = (path: string) => runScenario(bundled('replications=5', `workload.trace=${path}`)).summary[0].metrics;
  const kept = replay(file('scenes.csv', frames));
  const hit = generated.summary[0].metrics.answered_device;
  assert.ok(kept.answered_device_lo <= hit && hit <= kept.answered_device_hi, `generated ${hit}, replay ${kept.answered_device} [${kept.answered_device_lo}, ${kept.answered_device_hi}]`);
  // The same labels in a shuffled order: no scenes, so the hits of locality go.
  const rng = new Rng('shuffle');
  const labels = frames.map((f) => f[2]);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [labels[i], labels[j]] = [labels[j], labels[i]];
  }
  const shuffled = replay(file('shuffled.csv', frames.map((f, i) => [f[0], f[1], labels[i], f[3]])));
  assert.ok(shuffled.answered_device_hi < kept.answered_device_lo, `shuffled ${shuffled.answered_device} vs scenes ${kept.answered_device}`);
});

test('a frame file whose label disagrees with its sample, or that names neither, is an error naming file and line', () => {
  const p = (text: string, name: string) => () => tiny(`workload.trace=${csv(name, text)}`);
  assert.throws(p('t,device,sample,label,bytes\n0,0,301,3,10\n0.1,0,301,4,10\n', 'mismatch.csv'), /mismatch\.csv:3: label 4 but sample 301 is a class-3 test input/);
  assert.throws(p('t,device,label,bytes\n0,0,99,10\n', 'nolabel.csv'), /nolabel\.csv:2: label 99 is not a class with test samples/);
  assert.throws(p('t,device,sample,bytes\n0,0,100000,10\n', 'nosample.csv'), /nosample\.csv:2: sample 100000 but the outcome table has/);
  assert.throws(() => readFrameCsv(csv('neither.csv', 't,device,part,bytes\n0,0,1,10\n'), 1), /neither\.csv: no column "sample" or "label"/);
  assert.equal(readFrameCsv(csv('ignored.csv', 't,device,label,part,bytes\n0,0,1,1,10\n'), 1, ['part'])[0].length, 6, 'a declared ignored part column is not read');
});

test('bad frame rows are errors naming file and line', () => {
  const cases: Array<[string, RegExp]> = [
    ['t,device,label,sample\n', /: no column "bytes"/],
    ['t,device,sample,bytes\n0,0,1.5,10\n', /:2: column "sample": expected an integer/],
    ['t,device,label,sample,bytes\n0,0,1,1,10\nx,0,1,1,10\n', /:3: column "t": expected a number/],
    ['t,device,label,sample,bytes\n1,0,1,1,10\n0.5,0,1,1,10\n', /:3: time 0.5 goes back/],
    ['t,device,label,sample,bytes\n0,5,1,1,10\n', /:2: device 5 but the scenario has 1/],
    ['t,device,label,part,bytes\n0,0,1,1,10\n', /: column "part" is not an input: the edge encoder picks the partition \(models\.encoder\); drop it, or list it in workload\.ignoreColumns$/],
    ['t,device,label,bytes,scene\n0,0,1,10,kitchen\n', /: column "scene" is not one mcsim reads \(t, device, bytes, sample, label\); drop it, or list it in workload\.ignoreColumns$/],
    ['strategy,replication,t,device,sample,bytes\ncachenet,0,0,0,1,10\ncachenet,1,0,0,1,10\n', /:3: a per-frame log of several runs \(cachenet,1 after cachenet,0\): keep the rows of one strategy and replication/],
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

test('workload.imageReuse: 0 replays today\'s frames; 1 keeps each scene\'s image, the same frames for every strategy; a frame file refuses it', () => {
  const sets = ['workload.scene.meanRun=8', 'frames=300', 'warmupFrames=0'];
  const log = (...more: string[]) => {
    const lines: string[] = [];
    runScenario(tiny(...sets, ...more), { sink: { write: (l) => void lines.push(l) } });
    return lines;
  };
  assert.deepEqual(log('workload.imageReuse=0'), log());
  const one = log('workload.imageReuse=1');
  assert.deepEqual(one, log('workload.imageReuse=1'), 'deterministic');
  const frames = (lines: string[], strategy: string, fields: string[]) =>
    logged(lines, strategy).sort((a, b) => Number(a.replication) - Number(b.replication) || Number(a.seq) - Number(b.seq)).map((r) => fields.map((k) => r[k]).join(','));
  const ids = ['replication', 'seq', 't', 'label'];
  assert.deepEqual(frames(one, 'device-only', ids), frames(log(), 'device-only', ids), 'arrivals and scenes do not move with the reuse');
  for (const strategy of ['edge-only', 'cloud-only', 'cachenet']) assert.deepEqual(frames(one, strategy, [...ids, 'sample']), frames(one, 'device-only', [...ids, 'sample']), strategy);
  // Runs of one class (a scene, or two scenes of one class back to back) show few images, where i.i.d. frames show one per frame.
  const rows = frames(one, 'device-only', ['replication', 'label', 'sample']);
  const changes = (fields: (r: string[]) => string) => rows.filter((r, i) => i > 0 && fields(r.split(',')) !== fields(rows[i - 1].split(','))).length;
  assert.ok(changes(([rep, , sample]) => `${rep}:${sample}`) < 1.3 * changes(([rep, label]) => `${rep}:${label}`));
  const path = csv('reuse.csv', 't,device,label,bytes\n0,0,3,10\n');
  assert.throws(() => tiny(`workload.trace=${path}`, 'workload.imageReuse=0.5'), (e: unknown) => e instanceof InputError && /workload\.imageReuse: applies to generated scenes and timelines, not to a frame file/.test(e.message));
  assert.throws(() => tiny('workload.imageReuse=1.5'), /imageReuse/);
});
