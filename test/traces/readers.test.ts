import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../src/errors.js';
import { readCacheTrace } from '../../src/traces/read-trace.js';
import { ORACLE_RECORD_BYTES } from '../../src/traces/oracle-trace.js';
import { cacheTrace } from '../shared-data.js';

const dir = mkdtempSync(join(tmpdir(), 'mcsim-traces-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const rejects = (p: Promise<unknown>, pattern: RegExp) => assert.rejects(p, (err: Error) => err instanceof InputError && pattern.test(err.message));

test('text: ids of any form, blank lines, CRLF, no final newline, first-seen dense keys', async () => {
  const t = await readCacheTrace(file('a.txt', 'x7\r\n\n42\n  x7 \n042\n18446744073709551615\n\n42'));
  assert.deepEqual([...t.keys], [0, 1, 0, 1, 2, 1]);
  assert.equal(t.keySpace, 3);
  assert.equal(t.sizes, undefined);
});

test('text: gzip is detected by content and gives the same trace', async () => {
  const body = readFileSync(cacheTrace('cloudPhysicsIO.txt'));
  const plain = await readCacheTrace(file('plain.txt', body));
  const gz = await readCacheTrace(file('packed.txt', gzipSync(body)));
  assert.deepEqual(gz.keys, plain.keys);
});

test('shipped traces: request and object counts from PROVENANCE.md; txt and oracle ids agree', async () => {
  const txt = await readCacheTrace(cacheTrace('cloudPhysicsIO.txt'));
  const bin = await readCacheTrace(cacheTrace('cloudPhysicsIO.oracleGeneral.bin'));
  const sprite = await readCacheTrace(cacheTrace('sprite.trace.gz'));
  assert.deepEqual([txt.keys.length, txt.keySpace], [113_872, 48_974]);
  assert.deepEqual(bin.keys, txt.keys);
  assert.deepEqual([sprite.keys.length, sprite.keySpace], [133_996, 7_075]);
  assert.equal(bin.sizes!.reduce((a, b) => a + b, 0), 4_368_040_448);
  assert.equal(bin.times, undefined, 'times are kept only when asked for');
  const timed = await readCacheTrace(cacheTrace('cloudPhysicsIO.oracleGeneral.bin'), { times: true });
  assert.deepEqual([timed.times![0], timed.times![timed.times!.length - 1]], [5_633_898, 5_641_098]);
});

test('text: a line with two tokens, an empty trace and a missing file are input errors', async () => {
  await rejects(readCacheTrace(file('two.txt', '1\n2 3\n')), /two\.txt:2: expected one id per line/);
  await rejects(readCacheTrace(file('empty.txt', '\n\n')), /empty\.txt: empty trace/);
  await rejects(readCacheTrace(join(dir, 'nope.txt')), /nope\.txt: no such file or folder \(ENOENT/);
});

test('csv: columns by name with a header, by index without; sizes and times', async () => {
  const named = await readCacheTrace(file('h.csv', 'time,obj,bytes\n1.5,a,10\n2,b,20\n3,a,10\n'), { csv: { header: true, id: 'obj', size: 'bytes', time: 'time' } });
  assert.deepEqual([...named.keys], [0, 1, 0]);
  assert.deepEqual([...named.sizes!], [10, 20, 10]);
  assert.deepEqual([...named.times!], [1.5, 2, 3]);
  const indexed = await readCacheTrace(file('n.csv', '5;100\n6;200\n5;100\n'), { csv: { id: 0, size: 1, delimiter: ';' } });
  assert.deepEqual([...indexed.keys], [0, 1, 0]);
  assert.deepEqual([...indexed.sizes!], [100, 200, 100]);
});

test('csv: bad size, missing field and unknown column name the file and line', async () => {
  await rejects(readCacheTrace(file('bad.csv', 'id,size\n1,10\n2,ten\n'), { csv: { header: true, id: 'id', size: 'size' } }), /bad\.csv:3: size: expected an integer/);
  await rejects(readCacheTrace(file('short.csv', '1,10\n2\n'), { csv: { id: 0, size: 1 } }), /short\.csv:2: size: expected a value in column 2/);
  await rejects(readCacheTrace(file('col.csv', 'a,b\n1,2\n'), { csv: { header: true, id: 'obj' } }), /col\.csv: id column "obj" not found \(columns are a, b\)/);
  await rejects(readCacheTrace(file('time.csv', 'x,1\n'), { csv: { id: 1, time: 0 } }), /time\.csv:1: time: expected a number/);
});

function oracleRecords(records: Array<[time: number, id: bigint, size: number, next: bigint]>): Buffer {
  const buf = Buffer.alloc(records.length * ORACLE_RECORD_BYTES);
  records.forEach(([time, id, size, next], i) => {
    const o = i * ORACLE_RECORD_BYTES;
    buf.writeUInt32LE(time, o);
    buf.writeBigUInt64LE(id, o + 4);
    buf.writeUInt32LE(size, o + 12);
    buf.writeBigInt64LE(next, o + 16);
  });
  return buf;
}

test('oracle: 64-bit ids stay distinct, sizes and times (when asked for) are read', async () => {
  const big = 2n ** 64n - 1n;
  const t = await readCacheTrace(
    file('o.oracleGeneral.bin', oracleRecords([[1, big, 512, 3n], [2, big - 1n, 4096, -1n], [3, big, 512, -1n], [4, 2n ** 53n + 1n, 8, -1n], [5, 2n ** 53n, 8, -1n]])),
    { times: true },
  );
  assert.deepEqual([...t.keys], [0, 1, 0, 2, 3]);
  assert.deepEqual([...t.sizes!], [512, 4096, 512, 8, 8]);
  assert.deepEqual([...t.times!], [1, 2, 3, 4, 5]);
});

test('oracle: a truncated record names the record and byte offset', async () => {
  const whole = oracleRecords([[1, 1n, 1, -1n], [2, 2n, 1, -1n], [3, 3n, 1, -1n]]);
  await rejects(readCacheTrace(file('cut.bin', whole.subarray(0, 2 * 24 + 7)), { format: 'oracle' }), /cut\.bin: record 3 \(byte 48\) is truncated: expected 24 bytes, got 7/);
  await rejects(readCacheTrace(file('none.bin', new Uint8Array(0))), /none\.bin: empty trace/);
});
