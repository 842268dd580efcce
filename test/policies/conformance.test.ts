import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyNames } from '../../src/policies/registry.js';
import { conformanceSuite } from './conformance.js';

const checked = policyNames.map((name) => (conformanceSuite(name), name));

test('the conformance suite ran over every registered policy, the seven known ones at least', () => {
  for (const name of ['lru', 'lfu', 'fifo', 'mru', 'random', 'belady', 'belady-bypass']) assert.ok((checked as string[]).includes(name), name);
});
