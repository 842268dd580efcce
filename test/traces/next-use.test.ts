import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { NO_NEXT_USE, nextUseAt, nextUses } from '../../src/traces/next-use.js';
import { readCacheTrace } from '../../src/traces/read-trace.js';
import { naiveNextUses } from '../policies/reference.js';
import { cacheTrace } from '../shared-data.js';

test('property: nextUses equals a forward scan', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 100 }), (keys) => {
      const next = nextUses(Int32Array.from(keys), 10);
      assert.deepEqual(keys.map((_, i) => nextUseAt(next, i)), naiveNextUses(keys));
    }),
  );
});

test('nextUses agrees with the next_access_vtime field of the oracleGeneral file (1-based, -1 = never)', async () => {
  const path = cacheTrace('cloudPhysicsIO.oracleGeneral.bin');
  const trace = await readCacheTrace(path);
  const next = nextUses(trace.keys, trace.keySpace);
  const raw = readFileSync(path);
  let never = 0;
  for (let i = 0; i < next.length; i++) {
    const vtime = raw.readBigInt64LE(i * 24 + 16);
    if (vtime === -1n) never++;
    assert.equal(next[i], vtime === -1n ? NO_NEXT_USE : Number(vtime) - 1, `record ${i + 1}`);
  }
  assert.equal(never, 48_974);
  assert.equal(nextUseAt(next, next.length - 1), Infinity);
});
