/**
 * Issue 21, item 1: the streaming path (one pass into a spool, every later pass over its blocks) gives
 * the in-memory path's results exactly, on every bundled trace: every policy's misses, LRU's exact
 * curves and SHARDS estimates, the working set and the trace statistics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { missRatios } from '../../src/mrc/miss-ratios.js';
import { workingSet } from '../../src/mrc/sizes.js';
import { lruCurveOf } from '../../src/mrc/stack-distance.js';
import { shardsCurveOf, shardsMissCurve } from '../../src/mrc/shards.js';
import { traceStats } from '../../src/mrc/trace-stats.js';
import { policyNames } from '../../src/policies/registry.js';
import { nextUses } from '../../src/traces/next-use.js';
import { readCacheTrace, spoolCacheTrace, type ReadTraceOptions } from '../../src/traces/read-trace.js';
import { BLOCK } from '../../src/traces/spool.js';
import { cacheTrace } from '../shared-data.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/zstd/${name}`, import.meta.url));
const spools = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`mcsim-spool-${process.pid}-`));

const traces: Array<[string, ReadTraceOptions]> = [
  [cacheTrace('cloudPhysicsIO.oracleGeneral.bin'), { times: true }],
  [cacheTrace('cloudPhysicsIO.txt'), {}],
  [cacheTrace('sprite.trace.gz'), {}],
  [fixture('cp20k.oracleGeneral.zst'), {}],
  [fixture('cp20k.txt.zst'), {}],
  [fixture('cp2k.csv.zst'), { csv: { id: 'id', size: 'size', time: 'time', header: true } }],
];

for (const [file, options] of traces) {
  test(`${file.split('/').pop()}: streaming and in memory give identical results`, async () => {
    const memory = await readCacheTrace(file, options);
    const spool = await spoolCacheTrace(file, options);
    try {
      assert.equal(spool.length, memory.keys.length);
      assert.equal(spool.keySpace, memory.keySpace);
      assert.deepEqual(spool.load(), { ...memory, file: spool.file });
      const sizes = [1, 10, 100, Math.ceil(memory.keySpace / 10), memory.keySpace];
      assert.deepEqual(missRatios(spool, policyNames, sizes), missRatios(memory, policyNames, sizes));
      assert.deepEqual(lruCurveOf(spool).steps(), lruCurveOf(memory).steps());
      for (const spec of [{ kind: 'rate', rate: 0.1 }, { kind: 'size', maxObjects: 500 }] as const) {
        assert.deepEqual(shardsCurveOf(spool, false, spec).steps(), shardsMissCurve(memory.keys, memory.keySpace, undefined, spec).steps());
        if (memory.sizes) assert.deepEqual(shardsCurveOf(spool, true, spec).steps(), shardsMissCurve(memory.keys, memory.keySpace, memory.sizes, spec).steps());
      }
      assert.deepEqual(traceStats(spool), traceStats(memory));
      assert.equal(workingSet(spool), workingSet(memory));
      if (memory.sizes) {
        const ws = workingSet(memory, true);
        assert.equal(workingSet(spool, true), ws);
        const bytes = [ws / 100, ws / 10].map(Math.floor);
        assert.deepEqual(missRatios(spool, policyNames, bytes, { bytes: true }), missRatios(memory, policyNames, bytes, { bytes: true }));
        assert.deepEqual(lruCurveOf(spool, true).steps(), lruCurveOf(memory, true).steps());
      }
    } finally {
      spool.close();
    }
    assert.deepEqual(spools(), [], 'close() removes the temporary files');
  });
}

test('the bundled traces span several blocks, so the tests above cross block boundaries', async () => {
  const t = await readCacheTrace(cacheTrace('cloudPhysicsIO.txt'));
  assert.ok(t.keys.length > BLOCK);
});

test('--trust-next: the oracleGeneral file\'s next_access_vtime, as read, equals the computed next uses', async () => {
  const file = cacheTrace('cloudPhysicsIO.oracleGeneral.bin');
  const memory = await readCacheTrace(file, { trustNext: true });
  assert.deepEqual(memory.next, nextUses(memory.keys, memory.keySpace));
  const trusted = await spoolCacheTrace(file, { trustNext: true });
  const computed = await spoolCacheTrace(file);
  try {
    computed.prepareNextUses();
    const a = [...trusted.blocks({ next: true })].map((b) => Array.from(b.next!));
    const b = [...computed.blocks({ next: true })].map((b) => Array.from(b.next!));
    assert.deepEqual(a, b);
    assert.deepEqual(missRatios(trusted, ['belady', 'belady-bypass'], [10, 1000]), missRatios(computed, ['belady', 'belady-bypass'], [10, 1000]));
  } finally {
    trusted.close();
    computed.close();
  }
});

test('--trust-next is refused for formats without the field, and a field that is not a later request is an error', async () => {
  await assert.rejects(readCacheTrace(cacheTrace('cloudPhysicsIO.txt'), { trustNext: true }), /--trust-next reads the next-access field of oracleGeneral records/);
  const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const raw = Buffer.from(readFileSync(cacheTrace('cloudPhysicsIO.oracleGeneral.bin')).subarray(0, 24 * 3));
  raw.writeBigInt64LE(1n, 24 + 16); // record 2 says its next request is record 1
  const bad = join(mkdtempSync(join(tmpdir(), 'mcsim-test-')), 'bad.oracleGeneral.bin');
  writeFileSync(bad, raw);
  await assert.rejects(spoolCacheTrace(bad, { trustNext: true }), /bad\.oracleGeneral\.bin: record 2 \(byte 40\): next_access_vtime 1 is not a later request/);
  assert.deepEqual(spools(), [], 'a failed read removes its temporary files');
  assert.ok(existsSync(bad));
});

test('mcsim mrc: --trust-next gives the computed future\'s rows; a piped trace takes working-set fractions (known after its one pass)', async () => {
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { spawn } = await import('node:child_process');
  const { mrc } = await import('../cli/run-mrc.js');
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-stream-'));
  const bin = cacheTrace('cloudPhysicsIO.oracleGeneral.bin');
  const common = ['--policy', 'lru,belady,belady-bypass', '--size', '10,1%,10%', '--no-curve'];
  await mrc(bin, ...common, '--out', join(dir, 'computed'));
  await mrc(bin, ...common, '--trust-next', '--out', join(dir, 'trusted'));
  assert.equal(readFileSync(join(dir, 'trusted.csv'), 'utf8'), readFileSync(join(dir, 'computed.csv'), 'utf8'));
  // Through sh, so that standard input is a pipe, as from a shell.
  const mcsim = fileURLToPath(new URL('../../bin/mcsim.js', import.meta.url));
  const status = await new Promise<number | null>((done) => {
    const args = ['mrc', '-', '--format', 'oracle', ...common, '--out', join(dir, 'piped')];
    const child = spawn('sh', ['-c', 'f=$1; shift; cat "$f" | "$0" "$@"', process.execPath, bin, mcsim, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', done);
  });
  assert.equal(status, 0);
  assert.equal(readFileSync(join(dir, 'piped.csv'), 'utf8'), readFileSync(join(dir, 'computed.csv'), 'utf8'));
  await assert.rejects(mrc(cacheTrace('cloudPhysicsIO.txt'), '--size', '10', '--trust-next', '--out', join(dir, 'x')), /--trust-next reads the next-access field/);
});

test('a temp folder the spool cannot use is a one-line input error naming it', async () => {
  // A path below a regular file: it can be neither used nor created (not even by root).
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { InputError } = await import('../../src/errors.js');
  const blocker = join(mkdtempSync(join(tmpdir(), 'mcsim-test-')), 'a-file');
  writeFileSync(blocker, '');
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = join(blocker, 'tmp');
  try {
    await assert.rejects(spoolCacheTrace(cacheTrace('cloudPhysicsIO.txt')), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /^temporary files in [^\n]*a-file\/tmp: ENOTDIR[^\n]*set TMPDIR to a folder with room\)$/);
      return true;
    });
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
});
