/**
 * Admission filters (policies/admission.ts): libCacheSim's miss counts, the policy contract behind a
 * filter, and each filter's rule on hand-made requests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admissionLabel, parseAdmission, withAdmission, type Admission } from '../../src/policies/admission.js';
import { policies, type PolicyName } from '../../src/policies/registry.js';
import { replayPolicy } from '../../src/mrc/replay.js';
import { checkPolicy } from '../../src/check/policy.js';
import { readCacheTrace } from '../../src/traces/read-trace.js';
import { cacheTrace } from '../shared-data.js';
import { access } from '../../src/policies/policy.js';

/**
 * Measured with libCacheSim's cachesim (aa0fc409, /work/shared/tools/build-cachesim.sh) on
 * cloudPhysicsIO.oracleGeneral.bin, counts read from one added line in bin/cachesim/main.c printing
 * n_miss and n_miss_byte (as test/policies/arc.test.ts says):
 * `cachesim T oracleGeneral P 10000000,100000000,1000000000 -a bloom-filter` (bytes),
 * `... P 10,1000,20000 --ignore-obj-size 1 -a bloom-filter` (slots) and
 * `... P 10000000 -a size --admission-params size=16384`.
 */
const measured: Record<string, { second: { bytes: [number, number][]; unit: number[] }; size16k: [number, number] }> = {
  lru: { second: { bytes: [[96793, 4289123328], [95446, 4230315008], [77000, 3255156736]], unit: [108045, 96373, 77636] }, size16k: [94295, 4302407680] },
  fifo: { second: { bytes: [[96898, 4289621504], [95428, 4225513472], [77078, 3258622976]], unit: [108392, 96497, 78449] }, size16k: [94451, 4302862336] },
  lfu: { second: { bytes: [[95748, 4280434176], [93962, 4170464768], [76938, 3254401536]], unit: [108078, 96395, 77677] }, size16k: [93472, 4298701312] },
  gdsf: { second: { bytes: [[95892, 4285802496], [93425, 4238562304], [76899, 3253800960]], unit: [106535, 95903, 77677] }, size16k: [93889, 4301310976] },
};
const byteCapacities = [10_000_000, 100_000_000, 1_000_000_000];
const slotCapacities = [10, 1000, 20_000];

test("cloudPhysicsIO: lru, fifo, lfu and gdsf behind second-request and size admission give libCacheSim's misses", async () => {
  const trace = await readCacheTrace(cacheTrace('cloudPhysicsIO.oracleGeneral.bin'));
  for (const [name, m] of Object.entries(measured)) {
    const second = { [name]: withAdmission(policies[name as PolicyName], { kind: 'second-request' }) };
    byteCapacities.forEach((capacity, i) => {
      const r = replayPolicy(trace, name, { capacity, bytes: true, policies: second });
      assert.deepEqual([r.misses, r.missBytes], m.second.bytes[i], `${name}+second-request at ${capacity} bytes`);
    });
    slotCapacities.forEach((capacity, i) => {
      assert.equal(replayPolicy(trace, name, { capacity, policies: second }).misses, m.second.unit[i], `${name}+second-request at ${capacity} slots`);
    });
    const small = { [name]: withAdmission(policies[name as PolicyName], { kind: 'size', below: 16384 }) };
    const r = replayPolicy(trace, name, { capacity: 10_000_000, bytes: true, policies: small });
    assert.deepEqual([r.misses, r.missBytes], m.size16k, `${name}+size<16384`);
  }
});

test('every policy behind each filter keeps the policy contract', async () => {
  for (const a of [{ kind: 'second-request' }, { kind: 'size', below: 3 }] satisfies Admission[]) {
    for (const name of ['lru', 'arc', 's3fifo', 'gdsf', 'belady'] as const) {
      const report = await checkPolicy(withAdmission(policies[name], a), `${name}+${admissionLabel(a)}`, { seed: 7 });
      for (const p of report.properties) assert.ok(p.ok, `${name}+${admissionLabel(a)}: ${p.name}: ${p.detail}`);
    }
  }
});

test('second-request refuses exactly the first miss of each object; size admits only smaller objects', () => {
  const cache = withAdmission(policies.lru, { kind: 'second-request' }).create({ capacity: 10, keySpace: 3 });
  // a miss (refused), a miss (admitted), a hit; b the same; a is still a hit.
  const hits = [0, 0, 0, 1, 1, 1, 0].map((k) => access(cache, k, 1, Infinity));
  assert.deepEqual(hits, [false, false, true, false, false, true, true]);
  const sized = withAdmission(policies.lru, { kind: 'size', below: 4 }).create({ capacity: 100, keySpace: 2 });
  assert.deepEqual([access(sized, 0, 4, Infinity), access(sized, 0, 4, Infinity), access(sized, 1, 3, Infinity), access(sized, 1, 3, Infinity)], [false, false, false, true]);
  assert.equal(sized.count, 1);
});

test('admission specs: parsed, labelled, and refused with the option named', () => {
  assert.deepEqual(parseAdmission('second-request', '--admission'), { kind: 'second-request' });
  assert.deepEqual(parseAdmission('size:4096', '--admission'), { kind: 'size', below: 4096 });
  assert.equal(admissionLabel({ kind: 'size', below: 4096 }), 'size<4096');
  for (const bad of ['size:0', 'size:-1', 'size:1.5', 'bloom', 'size:']) {
    assert.throws(() => parseAdmission(bad, '--admission'), /--admission: expected second-request or size:N/);
  }
});
