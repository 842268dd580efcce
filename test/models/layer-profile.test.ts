import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/errors.js';
import { readNeurosurgeonProfile, readTrexProfile } from '../../src/models/layer-profile.js';
import { splitCosts } from '../../src/models/split-planner.js';

const DATA = fileURLToPath(new URL('../../../shared/data/layer-profiles/', import.meta.url));
const ALEXNET = join(DATA, 'neurosurgeon-alexnet');
const TREX = join(DATA, 'trex');
const anyLink = { bandwidthBps: 1e6, rtt: 0 };

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('Neurosurgeon TCP table: names, bytes from the FP32 shapes, measured columns given back by the sums', () => {
  const p = readNeurosurgeonProfile(ALEXNET);
  assert.equal(p.layers.length, 17);
  assert.equal(p.layers[9].name, 'pool5');
  assert.equal(p.layers[16].name, 'softmax');
  // PROVENANCE.md §1: input 618,348 B; conv1 1,161,600; pool1 279,936; pool5 36,864; fc6 16,384; fc8 4,000.
  assert.equal(p.inputBytes, 618_348);
  assert.deepEqual(
    [0, 2, 9, 11, 15, 16].map((i) => p.layers[i].outBytes),
    [1_161_600, 279_936, 36_864, 16_384, 4_000, 4_000],
  );
  // The pool5 row: mobile 114, server 92, transmission 65, end_to_end 323 ms.
  const c = splitCosts(p, anyLink);
  close(c[10].deviceS, 0.114);
  close(c[10].serverS, 0.092);
  assert.equal(p.transferS[10], 0.065);
  assert.equal(p.endToEndS[10], 0.323);
  // input row: server 204 ms (whole model on the server); softmax row: mobile 460 ms.
  close(c[0].serverS, 0.204);
  close(c[17].deviceS, 0.46);
  assert.equal(p.preprocessS, 0);
  assert.match(p.source, /ns_latency\.txt/);
});

test('Neurosurgeon Pixel 3 table is read by header (columns in another order); both shapes files agree', () => {
  const p = readNeurosurgeonProfile(ALEXNET, { variant: 'pxl3' });
  // pool5 row: mobile 55, transmission 7, server 10 ms; pre-processing (input row, mobile) 15 ms.
  const c = splitCosts(p, anyLink);
  assert.equal(p.preprocessS, 0.015);
  close(c[10].deviceS, 0.055 - 0.015);
  close(c[10].serverS, 0.01);
  assert.equal(p.transferS[10], 0.007);
  const q = readNeurosurgeonProfile(ALEXNET, { variant: 'pxl3', shapesFile: 'alexnet_partitions.txt' });
  assert.deepEqual(q.layers.map((l) => l.outBytes), p.layers.map((l) => l.outBytes));
  assert.equal(q.inputBytes, p.inputBytes);
});

test('trex ResNet-18 FP32 (A100): live-tensor bytes per cut, times from averageMs', () => {
  const dir = join(TREX, 'resnet18-a100-fp32');
  const p = readTrexProfile(dir, { otherSideScale: 10, perImage: true });
  assert.equal(p.model, 'resnet18-a100-fp32');
  assert.equal(p.layers.length, 32);
  assert.equal(p.inputBytes, 3 * 224 * 224 * 4);
  const bytesAfter = (name: string) => p.layers.find((l) => l.name === name)!.outBytes;
  // PROVENANCE.md §2, per image, FP32: conv1 3,211,264 B; layer1 802,816; layer2 401,408; layer3 200,704;
  // layer4 100,352; global average pool 2,048; logits 4,000.
  assert.equal(bytesAfter('Conv_0 + Relu_1'), 3_211_264);
  assert.equal(bytesAfter('Conv_10 + Add_11 + Relu_12'), 802_816);
  assert.equal(bytesAfter('Conv_21 + Add_22 + Relu_23'), 401_408);
  assert.equal(bytesAfter('Conv_32 + Add_33 + Relu_34'), 200_704);
  assert.equal(bytesAfter('Conv_43 + Add_44 + Relu_45'), 100_352);
  assert.equal(bytesAfter('GlobalAveragePool_46'), 2_048);
  assert.equal(p.layers[31].outBytes, 4_000);
  // Inside a residual block the skip tensor crosses too: conv output + block input, 2 × 802,816 B.
  assert.equal(bytesAfter('Conv_3 + Relu_4'), 2 * 802_816);
  // First row: Conv_0 + Relu_1 averageMs 0.52224 for the batch of 32.
  close(p.layers[0].serverS, 0.52224e-3 / 32, 1e-15);
  close(p.layers[0].deviceS, 10 * p.layers[0].serverS, 1e-15);
  // Σ averageMs = 2.1238 ms (whole batch).
  const whole = readTrexProfile(dir, { otherSideScale: 1, side: 'device' });
  close(whole.layers.reduce((s, l) => s + l.deviceS, 0), 2.1238e-3, 1e-7);
  assert.equal(whole.inputBytes, 32 * 602_112);
  assert.equal(whole.layers[6].outBytes, 32 * 802_816);
  assert.match(whole.source, /NVIDIA A100 80GB PCIe/);
});

test('trex: the other cases read, with the row counts and Σ averageMs of PROVENANCE.md', () => {
  for (const [dir, rows, sumMs] of [
    ['resnet18-a100-fp16', 36, 1.0168],
    ['resnet50-rtx3090-fp32', 103, 12.3997],
    ['mobilenet-qat-titanrtx', 73, 0.4704],
  ] as const) {
    const p = readTrexProfile(join(TREX, dir), { otherSideScale: 5 });
    assert.equal(p.layers.length, rows, dir);
    close(p.layers.reduce((s, l) => s + l.serverS, 0), sumMs / 1000, 1e-7);
    assert.equal(p.inputBytes, (dir === 'mobilenet-qat-titanrtx' ? 1 : 32) * 602_112, dir);
    // Cuts never send less than the smallest tensor: every live set is non-empty.
    assert.ok(p.layers.every((l) => l.outBytes > 0), dir);
  }
});

// ----- bad input -----

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'mcsim-profile-'));
}

function copyDir(from: string, to: string): void {
  for (const f of readdirSync(from)) copyFileSync(join(from, f), join(to, f));
}

function throwsInput(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof InputError && pattern.test(err.message));
}

test('Neurosurgeon reader: bad input names the file and line', () => {
  const dir = tmp();
  try {
    copyDir(ALEXNET, dir);
    const lat = join(dir, 'ns_latency.txt');
    const orig = readFileSync(lat, 'utf8');
    writeFileSync(lat, orig.replace('conv1,26,', 'conv1,2x6,'));
    throwsInput(() => readNeurosurgeonProfile(dir), /ns_latency\.txt:3: mobile_processing: expected a number >= 0 \(ms\), got '2x6'/);
    writeFileSync(lat, orig.replace(',end_to_end', ',total'));
    throwsInput(() => readNeurosurgeonProfile(dir), /ns_latency\.txt:1: missing column 'end_to_end'/);
    writeFileSync(lat, orig.replace('norm1,33,236,691,1448\n', ''));
    throwsInput(() => readNeurosurgeonProfile(dir), /alexnet_layers\.txt: expected 16 shapes/);
    writeFileSync(lat, orig.replace('softmax,460,0,0,460', 'softmax,460,3,0,460'));
    throwsInput(() => readNeurosurgeonProfile(dir), /ns_latency\.txt:19: the all-on-device row/);
    writeFileSync(lat, orig);
    const shapes = join(dir, 'alexnet_layers.txt');
    const shapesOrig = readFileSync(shapes, 'utf8');
    writeFileSync(shapes, shapesOrig.replace('pool1,1,27,27,96', 'pool1,1,27,x,96'));
    throwsInput(() => readNeurosurgeonProfile(dir), /alexnet_layers\.txt:5: dimension must be a positive integer, got 'x'/);
    writeFileSync(shapes, shapesOrig.replace('norm1,', 'lrn1,'));
    throwsInput(() => readNeurosurgeonProfile(dir), /alexnet_layers\.txt:4: layer 'lrn1' does not match 'norm1'/);
    throwsInput(() => readNeurosurgeonProfile(join(dir, 'nope')), /cannot read/);
    throwsInput(() => readNeurosurgeonProfile(dir, { variant: 'toString' as never }), /variant: expected one of tcp, udp, pxl3/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('trex reader: bad input names the file and JSON path', () => {
  const dir = tmp();
  try {
    copyDir(join(TREX, 'resnet18-a100-fp32'), dir);
    const prof = join(dir, 'resnet.onnx.engine.profile.json');
    const graph = join(dir, 'resnet.onnx.engine.graph.json');
    const profOrig = readFileSync(prof, 'utf8');
    const graphOrig = readFileSync(graph, 'utf8');
    throwsInput(() => readTrexProfile(dir, {} as never), /otherSideScale: expected a finite number > 0/);

    const rows = JSON.parse(profOrig);
    rows[2].averageMs = -1;
    writeFileSync(prof, JSON.stringify(rows));
    throwsInput(() => readTrexProfile(dir, { otherSideScale: 2 }), /profile\.json: \$\[2\]\.averageMs: expected a number >= 0/);
    writeFileSync(prof, profOrig.slice(0, 100));
    throwsInput(() => readTrexProfile(dir, { otherSideScale: 2 }), /profile\.json: not valid JSON/);
    writeFileSync(prof, profOrig);

    const g = JSON.parse(graphOrig);
    g.Layers[3].Name = 'renamed';
    writeFileSync(graph, JSON.stringify(g));
    throwsInput(() => readTrexProfile(dir, { otherSideScale: 2 }), /graph\.json: \$\.Layers\[3\]\.Name 'renamed' differs/);
    const g2 = JSON.parse(graphOrig);
    g2.Layers[4].Outputs[0].Dimensions = [32, 0, 56];
    writeFileSync(graph, JSON.stringify(g2));
    throwsInput(() => readTrexProfile(dir, { otherSideScale: 2 }), /\$\.Layers\[4\]\.Outputs\[0\]\.Dimensions/);
    // Layers out of execution order: a layer reading a tensor produced later.
    const g3 = JSON.parse(graphOrig);
    g3.Layers[1].Inputs[0].Name = 'input.24';
    writeFileSync(graph, JSON.stringify(g3));
    throwsInput(() => readTrexProfile(dir, { otherSideScale: 2 }), /\$\.Layers\[1\] 'MaxPool_2' reads 'input\.24'/);

    rmSync(prof);
    throwsInput(() => readTrexProfile(dir, { otherSideScale: 2 }), /expected exactly one \*\.profile\.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
