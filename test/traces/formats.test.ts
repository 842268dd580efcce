import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../src/errors.js';
import { parseSizes } from '../../src/mrc/sizes.js';
import { lruMissCurve } from '../../src/mrc/stack-distance.js';
import { auroc } from '../../src/sim/auroc.js';
import { readCacheTrace } from '../../src/traces/read-trace.js';
import { cacheTrace } from '../shared-data.js';

const dir = mkdtempSync(join(tmpdir(), 'mcsim-formats-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const CSV = 'time,id,size\n1,7,4096\n2,8,4096\n3,7,4096\n4,8,4096\n5,7,4096\n';

test('a gzipped CSV is read as CSV from its .csv.gz name', async () => {
  const t = await readCacheTrace(file('req.csv.gz', gzipSync(CSV)), { csv: { id: 'id', size: 'size', header: true } });
  assert.equal(t.keys.length, 5);
  assert.equal(t.keySpace, 2);
  assert.deepEqual([...t.sizes!], [4096, 4096, 4096, 4096, 4096]);
});

test('CSV options on a trace read as text, and CSV lines in a text trace, are refused', async () => {
  await assert.rejects(readCacheTrace(file('req.trace', CSV), { csv: { id: 'id', header: true } }), (e: unknown) => e instanceof InputError && /add --format csv/.test(e.message));
  await assert.rejects(readCacheTrace(file('plain.trace', '1,7,4096\n')), (e: unknown) => e instanceof InputError && /:1: .*use --format csv/.test(e.message));
});

test('a byte-order mark does not become part of the first id', async () => {
  const t = await readCacheTrace(file('bom.txt', '\uFEFF7\n7\n7\n'));
  assert.equal(t.keySpace, 1);
});

test('a gzipped oracleGeneral file reads like the raw one; a broken zstd one is a one-line error', async () => {
  const raw = readFileSync(cacheTrace('cloudPhysicsIO.oracleGeneral.bin')).subarray(0, 24 * 5000);
  const a = await readCacheTrace(file('cp.oracleGeneral.bin', raw));
  const b = await readCacheTrace(file('cp2.oracleGeneral.bin.gz', gzipSync(raw)));
  assert.deepEqual([...b.keys], [...a.keys]);
  assert.deepEqual([...b.sizes!], [...a.sizes!]);
  // The zstd magic number and then raw records: detected as zstd, not read as raw data (test/traces/zstd.test.ts reads real ones).
  const zstd = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), raw.subarray(0, 44)]);
  await assert.rejects(readCacheTrace(file('cp.oracleGeneral.zst', zstd)), (e: unknown) => e instanceof InputError && /: zstd stream corrupt or truncated at byte \d+ \(/.test(e.message));
});

test('the byte-mode LRU stack curve declines to be exact when object sizes change', () => {
  const curve = lruMissCurve(Int32Array.of(1, 0, 1, 0, 1), 2, Uint32Array.of(3, 3, 2, 3, 3));
  assert.equal(curve.minCapacity, Infinity);
  assert.deepEqual(curve.steps(), []);
  assert.throws(() => curve.at(5), /below/);
});

test('sizes as percentages and fractions are not one short from floating point', () => {
  assert.deepEqual(parseSizes('29%,0.29,57%,58%', 100), [29, 29, 57, 58]);
});

test('auroc refuses NaN scores instead of looping', () => {
  assert.throws(() => auroc(Float64Array.of(1, NaN), Float64Array.of(0)), /NaN/);
});
