import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPolicy } from '../../src/check/policy.js';
import { policies, policyNames } from '../../src/policies/registry.js';
import { referenceSuite } from './conformance.js';

for (const name of policyNames) {
  test(`${name}: the policy contract (src/check/policy.ts)`, async (t) => {
    const report = await checkPolicy(policies[name], name);
    assert.equal(report.properties.length, 6);
    for (const p of report.properties) await t.test(p.name, () => assert.ok(p.ok, p.detail));
  });
  referenceSuite(name);
}

test('the contract ran over every registered policy, the seven known ones at least', () => {
  for (const name of ['lru', 'lfu', 'fifo', 'mru', 'random', 'belady', 'belady-bypass']) assert.ok((policyNames as string[]).includes(name), name);
});
