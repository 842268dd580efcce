import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.js';
import { maxWorkers, parseWorkers } from '../../src/cli/workers.js';

test('--workers is a whole number from 1 to the cores', () => {
  assert.equal(parseWorkers('1'), 1);
  assert.equal(parseWorkers(String(maxWorkers())), maxWorkers());
  for (const bad of ['abc', '0', '-1', '1.5', '', String(maxWorkers() + 1), '1000', '1e3']) {
    assert.throws(() => parseWorkers(bad), (e: unknown) => e instanceof UsageError && e.message.startsWith(`--workers '${bad}': expected a whole number from 1 to`), bad);
  }
});
