import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { meanOf } from '../../src/sim/dist.js';
import { HardwareTable, layerHardware, readHardwareTable, readNcnnTable, selectNcnnRows, type CostRow } from '../../src/models/hardware.js';
import { readCsv } from '../../src/models/read-table.js';
import { dataFile, scratchFile, sharedFile } from './paths.js';

const NCNN = sharedFile('hardware/ncnn_benchncnn_latency.csv');
const ORIN = /^NVIDIA Jetson AGX Orin/;

const fixedSeconds = (row: CostRow): number => {
  assert.equal(row.latency.kind, 'fixed');
  return meanOf(row.latency);
};

test('ncnn CSV: all 8,554 result rows are read', () => {
  assert.equal(readCsv(NCNN).records.length, 8554);
});

test('ncnn: the example rows quoted in the PROVENANCE file, in seconds, with their README lines', () => {
  const cases: [Parameters<typeof readNcnnTable>[1], number, number][] = [
    [{ hardware: 'orin-cpu1', section: ORIN, numThreads: 1, gpuDevice: -1 }, 89.8, 123],
    [{ hardware: 'orin-cpu8', section: ORIN, numThreads: 8, gpuDevice: -1 }, 16.52, 240],
    [{ hardware: 'orin-gpu', section: ORIN, gpuDevice: 0 }, 6.08, 322],
    [{ hardware: 'rpi4-cpu4', section: /^Raspberry Pi 4 /, numThreads: 4 }, 262.83, 1863],
  ];
  for (const [select, avgMs, line] of cases) {
    const rows = readNcnnTable(NCNN, select);
    const r = rows.find((x) => x.model === 'resnet50');
    assert.ok(r, select.hardware);
    assert.equal(r.hardware, select.hardware);
    assert.ok(Math.abs(fixedSeconds(r) - avgMs / 1000) < 1e-15, `${select.hardware}: ${fixedSeconds(r)}`);
    assert.match(r.source, new RegExp(`^ncnn benchmark/README\\.md line ${line} \\(Tencent/ncnn f4e9a78\\), (NVIDIA|Raspberry)`));
    assert.ok(r.source.includes(`threads=${select.numThreads ?? 1}, gpu_device=${select.gpuDevice ?? -1}`), r.source);
  }
  assert.equal(readNcnnTable(NCNN, cases[0][0]).length, 33);
  assert.equal(selectNcnnRows(NCNN, { section: /jetson agx orin/gi, numThreads: 1, gpuDevice: -1 }).length, 33, 'a /g pattern matches every row');
});

test('ncnn: lognormal rule has mean avg and sd (max - min) / 4', () => {
  // resnet50, Orin GPU, line 322: min 4.75, max 15.06, avg 6.08 ms.
  const [r] = readNcnnTable(NCNN, { hardware: 'g', section: ORIN, gpuDevice: 0, models: ['resnet50'], latency: 'lognormal' });
  assert.equal(r.latency.kind, 'lognormal');
  if (r.latency.kind !== 'lognormal') return;
  const { mu, sigma } = r.latency;
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  const sd = mean * Math.sqrt(Math.exp(sigma * sigma) - 1);
  assert.ok(Math.abs(mean - 6.08e-3) < 1e-12, String(mean));
  assert.ok(Math.abs(sd - (15.06 - 4.75) / 4 / 1000) < 1e-12, String(sd));
});

test('ncnn: quoted section names with commas are read whole', () => {
  const rows = selectNcnnRows(NCNN, { section: 'Qualcomm Snapdragon X Elite (X1E78100), Oryon 3.4GHz x 12 + Adreno X1-85', gpuDevice: -1 });
  assert.equal(rows.length, 35);
  assert.deepEqual([rows[0].readmeLine, rows[0].model, rows[0].avgMs], [1675, 'squeezenet', 5.16]);
});

test('ncnn: ambiguous, empty and unknown selections are InputErrors that say what to do', () => {
  const rk3588 = 'Rockchip RK3588 (Cortex-A76 2.4GHz x 4 + Cortex-A55 1.8GHz x 4)';
  assert.throws(() => selectNcnnRows(NCNN, { section: rk3588, numThreads: 4 }), (e: Error) =>
    e instanceof InputError && /several matching blocks \(64, 66\); give a block number/.test(e.message));
  assert.equal(selectNcnnRows(NCNN, { section: rk3588, numThreads: 4, block: 66 }).length, 33);
  assert.throws(() => selectNcnnRows(NCNN, { section: 'No Such Board' }), (e: Error) => e instanceof InputError && /matches no section/.test(e.message));
  assert.throws(() => selectNcnnRows(NCNN, { section: ORIN, numThreads: 3 }), (e: Error) => e instanceof InputError && /no rows with the requested/.test(e.message));
  assert.throws(() => selectNcnnRows(NCNN, { section: ORIN, gpuDevice: 0, models: ['resnet51'] }), (e: Error) =>
    e instanceof InputError && /no model "resnet51".*resnet50/.test(e.message));
});

test('ncnn: a wrong field count or a non-numeric latency names the file and line', () => {
  const head = 'section,block,readme_line,command,loop_count,num_threads,powersave,gpu_device,cooling_down,gpu_name,model,min_ms,max_ms,avg_ms\n';
  const good = 'Board,1,10,,8,4,0,-1,0,,squeezenet,1.0,3.0,2.0\n';
  const short = scratchFile('short.csv', head + good + 'Board,1,11,,8,4,0,-1,0,squeezenet,1.0,3.0,2.0\n');
  assert.throws(() => selectNcnnRows(short, { section: 'Board' }), (e: Error) =>
    e instanceof InputError && e.message === `${short}:3: expected 14 comma-separated fields (as in the header), got 13`);
  const nan = scratchFile('nan.csv', head + good + 'Board,1,11,,8,4,0,-1,0,,resnet,1.0,3.0,fast\n');
  assert.throws(() => selectNcnnRows(nan, { section: 'Board' }), (e: Error) =>
    e instanceof InputError && e.message === `${nan}:3: column "avg_ms": expected a number, got "fast"`);
  const quoted = scratchFile('quoted.csv', head + '"Board, rev 2",1,10,,8,4,0,-1,0,,squeezenet,1.0,3.0,2.0\n' + '"Board, rev 2",1,11,,8,4,0,-1,0,,resnet,1.0,3.0\n');
  assert.throws(() => selectNcnnRows(quoted, { section: 'Board, rev 2' }), (e: Error) =>
    e instanceof InputError && e.message === `${quoted}:3: expected 14 comma-separated fields (as in the header), got 13`);
  const order = scratchFile('order.csv', head + 'Board,1,10,,8,4,0,-1,0,,squeezenet,2.0,3.0,1.0\n');
  assert.throws(() => selectNcnnRows(order, { section: 'Board' }), (e: Error) => e instanceof InputError && e.message.startsWith(`${order}:2: expected 0 < min_ms`));
});

const row = (hardware: string, model: string, ms: number): CostRow => ({ hardware, model, latency: { kind: 'fixed', value: ms / 1000 }, source: 'test' });

test('HardwareTable: get, and errors that list what the table has', () => {
  const t = new HardwareTable([row('pi', 'a', 1), row('pi', 'b', 2), row('gpu', 'a', 0.5)]);
  assert.equal(meanOf(t.get('pi', 'b').latency), 0.002);
  assert.deepEqual(t.hardware(), ['pi', 'gpu']);
  assert.equal(t.rows().length, 3);
  assert.ok(t.has('gpu', 'a') && !t.has('gpu', 'b'));
  assert.throws(() => t.get('gpu', 'b'), (e: Error) => e instanceof InputError && e.message === 'hardware table: no model "b" on hardware "gpu" (models: a)');
  assert.throws(() => t.get('tpu', 'a'), (e: Error) => e instanceof InputError && e.message === 'hardware table: no hardware "tpu" (hardware: pi, gpu)');
  assert.throws(() => new HardwareTable([row('pi', 'a', 1), row('pi', 'a', 2)]), (e: Error) => e instanceof InputError && /two rows for hardware "pi", model "a"/.test(e.message));
});

test('data/hardware.json: loads; every row is the ncnn README line its source names', () => {
  const table = readHardwareTable(dataFile('hardware.json'));
  assert.deepEqual(table.hardware(), ['rpi4-cpu4', 'orin-gpu', 'v100-gpu', 'aws-c5.4xlarge-cpu8']);
  const csv = readCsv(NCNN);
  const [cLine, cModel, cAvg] = ['readme_line', 'model', 'avg_ms'].map((c) => csv.header.indexOf(c));
  const byLine = new Map(csv.records.map((r) => [Number(r[cLine]), r]));
  for (const r of table.rows()) {
    const m = /^ncnn benchmark\/README\.md line (\d+) \(Tencent\/ncnn f4e9a78\), /.exec(r.source);
    assert.ok(m, r.source);
    const rec = byLine.get(Number(m[1]));
    assert.ok(rec, r.source);
    assert.equal(rec[cModel], r.model);
    assert.ok(Math.abs(fixedSeconds(r) - Number(rec[cAvg]) / 1000) < 1e-15, `${r.hardware} ${r.model}`);
    assert.equal(r.powerW, undefined);
  }
  // Small to large models on each tier, in the expected order of cost on the device.
  for (const m of ['squeezenet', 'mobilenet_v2', 'resnet18', 'resnet50', 'vgg16']) for (const h of table.hardware()) assert.ok(table.has(h, m), `${h} ${m}`);
  assert.ok(meanOf(table.get('rpi4-cpu4', 'vgg16').latency) > 10 * meanOf(table.get('orin-gpu', 'vgg16').latency));
});

test('readHardwareTable: schema errors name the file and the JSON path', () => {
  const write = (name: string, v: unknown) => scratchFile(name, typeof v === 'string' ? v : JSON.stringify(v));
  const base = { hardware: 'pi', model: 'a', latency_ms: { kind: 'fixed', value: 3 }, source: 's' };
  const ok = readHardwareTable(write('ok.json', { rows: [{ ...base, power_w: 4.5 }] }));
  assert.equal(ok.get('pi', 'a').powerW, 4.5);
  assert.ok(Math.abs(meanOf(ok.get('pi', 'a').latency) - 0.003) < 1e-18);
  const cases: [string, unknown, RegExp][] = [
    ['neg.json', { rows: [base, { ...base, model: 'b', latency_ms: { kind: 'fixed', value: -1 } }] }, /: rows\[1\]\.latency_ms\.value: /],
    ['kind.json', { rows: [{ ...base, latency_ms: { kind: 'gamma', shape: 2 } }] }, /: rows\[0\]\.latency_ms\.kind: expected a distribution/],
    ['extra.json', { rows: [{ ...base, watts: 3 }] }, /: rows\[0\]: .*watts/],
    ['norows.json', { rows: [] }, /: rows: /],
    ['syntax.json', '{"rows": [', /: invalid JSON/],
    ['dup.json', { rows: [base, base] }, /: hardware table: two rows for hardware "pi", model "a"/],
  ];
  for (const [name, content, re] of cases) {
    const path = write(name, content);
    assert.throws(() => readHardwareTable(path), (e: Error) => e instanceof InputError && e.message.startsWith(path + ': ') && re.test(e.message), name);
  }
  assert.throws(() => readHardwareTable(dataFile('no-such.json')), (e: Error) => e instanceof InputError && /cannot read file/.test(e.message));
});

test('layerHardware: later layers add rows or replace a (hardware, model) row, one message per replacement', () => {
  const row = (hardware: string, model: string, s: number): CostRow => ({ hardware, model, latency: { kind: 'fixed', value: s }, source: `${hardware}/${model}=${s}` });
  const { table, overrides } = layerHardware([
    { from: 'a.json', rows: [row('pi', 'm', 1), row('pi', 'n', 2)] },
    { from: 'b.json', rows: [row('pi', 'm', 3), row('jetson', 'm', 4)] },
    { from: 'hardware.rows', rows: [row('pi', 'm', 5)] },
  ]);
  assert.deepEqual(table.hardware(), ['pi', 'jetson']);
  assert.equal(fixedSeconds(table.get('pi', 'm')), 5);
  assert.equal(fixedSeconds(table.get('pi', 'n')), 2);
  assert.equal(fixedSeconds(table.get('jetson', 'm')), 4);
  assert.deepEqual(overrides, [
    'hardware: b.json replaces the row of model "m" on "pi" from a.json',
    'hardware: hardware.rows replaces the row of model "m" on "pi" from b.json',
  ]);
  assert.deepEqual(layerHardware([{ from: 'a.json', rows: [row('pi', 'm', 1)] }]).overrides, []);
});
