/** The policy contract fails broken policies on the right property, with the counterexample in words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPolicy } from '../../src/check/policy.js';
import { formatCheckReport, type CheckReport } from '../../src/check/report.js';
import { arrayLru, overCapacity, victimNotEvicted } from '../fixtures/broken-plugins.js';

const property = (r: CheckReport, name: string) => {
  const p = r.properties.find((q) => q.name === name);
  assert.ok(p, `no property '${name}' in ${r.properties.map((q) => q.name).join(', ')}`);
  return p;
};

test('a correct policy written outside src/ passes every property', async () => {
  const r = await checkPolicy(arrayLru, 'array-lru', { seed: 1 });
  assert.deepEqual(r.properties.filter((p) => !p.ok), []);
  assert.match(formatCheckReport(r), /^mcsim check: policy array-lru\n(  pass  .*\n){6}6 of 6 properties pass\n$/);
});

test('a policy that keeps more keys than its capacity fails "capacity kept", showing the requests, what it held and what was expected', async () => {
  const r = await checkPolicy(overCapacity, 'over-capacity', { seed: 1 });
  const p = property(r, 'capacity kept');
  assert.equal(p.ok, false);
  // Shrunk to two requests at capacity 1: the second miss is inserted next to the first.
  assert.match(p.detail!, /^capacity 1 slot, 2 requests:\n  1\. key \d: miss -> holds \{\d\}, used 0, count 1\n  2\. key \d: miss -> holds \{0, 1\}, used 1, count 2\nexpected at most 1 slot held; seen \{0, 1\} held, 2 slots \(used reports 1\)\n\(fast-check seed 1, path [\d:]+, shrunk \d+ times\)$/);
  assert.ok(property(r, 'victim() is what evict() removes').ok);
  assert.ok(property(r, 'hit iff cached').ok);
  // Holding more than it may, it beats the oracle: said as such.
  assert.match(property(r, 'Belady never beaten (unit sizes)').detail!, /Belady misses \d+, over-capacity misses \d+; only a policy that sees the future can miss less/);
  const text = formatCheckReport(r);
  assert.match(text, /\n  FAIL  capacity kept\n          capacity 1 slot, 2 requests:\n/);
  assert.match(text, /\n3 of 6 properties pass\n$/);
});

test('a policy whose victim() is not what evict() removes fails that property only, naming both keys', async () => {
  const r = await checkPolicy(victimNotEvicted, 'victim-not-evicted', { seed: 1 });
  assert.deepEqual(r.properties.filter((p) => !p.ok).map((p) => p.name), ['victim() is what evict() removes']);
  const detail = property(r, 'victim() is what evict() removes').detail!;
  assert.match(detail, /^capacity \d+ (slot|byte)s?, \d+ requests?:\n/);
  assert.match(detail, /\n {2,3}\d+\. key \d+( \(size \d\))?: miss, evicted \d+/);
  assert.match(detail, /expected evict\(\) to remove victim\(\) = \d+; it removed \d+|victim\(\) said \d+, evict\(\) removed \d+/);
});

test('an oracle is not held to Belady; a policy that throws is reported with the call and the request', async () => {
  const oracle = await checkPolicy({ ...arrayLru, needsFuture: true }, 'oracle-lru');
  assert.equal(property(oracle, 'Belady never beaten (unit sizes)').detail, 'not applicable: an oracle (needsFuture) may beat Belady');
  const throwing = await checkPolicy({ ...arrayLru, create: (o) => Object.assign(arrayLru.create(o), { touch: () => { throw new Error('boom'); } }) }, 'throws');
  assert.match(property(throwing, 'hit iff cached').detail!, /request \d+ \(key \d+\): touch\(\d+\) threw boom/);
});

test('a policy whose evict() frees nothing stops with a message instead of looping', async () => {
  const stuck = { ...arrayLru, create: (o: Parameters<typeof arrayLru.create>[0]) => Object.assign(arrayLru.create(o), { evict: () => 0 }) };
  const r = await checkPolicy(stuck, 'stuck', { numRuns: 20 });
  assert.match(property(r, 'capacity kept').detail!, /after \d+ evict\(\) calls used is still \d+ \(count \d+\): evict\(\) frees nothing/);
});
