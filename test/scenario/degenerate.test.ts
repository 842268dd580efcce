/**
 * Settings that make a strategy's figures meaningless are said, never silent (docs/metrics.md): a
 * CacheNet cache that holds no partition or every partition, a queue of length 0, and a generated
 * workload whose horizon float64 time cannot resolve (refused).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { tiny } from './helpers.js';

test('a CacheNet cache that holds no partition, or every one, is noted; one in between is not', () => {
  assert.deepEqual(tiny('device.cache={slots: 0}').notes, ['cachenet: device.cache.slots 0 holds no partition: no frame is answered on the device, every one goes to the edge']);
  assert.deepEqual(tiny('device.cache={slots: 10}').notes, ['cachenet: device.cache.slots 10 holds all 10 partitions: nothing is ever evicted, so cachenet.policy makes no difference']);
  assert.deepEqual(tiny('device.cache={slots: 12}').notes, ['cachenet: device.cache.slots 12 holds all 10 partitions: nothing is ever evicted, so cachenet.policy makes no difference']);
  // The tiny partitions are 50,000 bytes.
  assert.deepEqual(tiny('device.cache={bytes: 49999}').notes, ['cachenet: device.cache.bytes 49999 (0 partition(s) of 50000 bytes) holds no partition: no frame is answered on the device, every one goes to the edge']);
  assert.deepEqual(tiny('device.cache={slots: 3}').notes, []);
  assert.deepEqual(tiny('device.cache={slots: 0}', 'strategies=[device-only]').notes, [], 'only a strategy that caches says so');
});

test('a queue of length 0 is noted as a loss system', () => {
  assert.deepEqual(tiny('device.maxQueue=0', 'edge.maxQueue=0').notes, [
    'device.maxQueue 0: no frame waits, one that arrives while every worker is busy is dropped (a loss system; drop_rate counts them)',
    'edge.maxQueue 0: no frame waits, one that arrives while every worker is busy is dropped (a loss system; drop_rate counts them)',
  ]);
});

test('an arrival rate so small that the horizon passes 4.5e9 s is refused, naming the key', () => {
  assert.throws(() => tiny('workload.arrivals={kind: fixed, fps: 1e-300}'), (e: Error) => e instanceof InputError && /^workload\.arrivals\.fps: 1e-300 frames\/s makes 200 frames last 2\.00e\+302 s, past 4500000000 s/.test(e.message));
  assert.doesNotThrow(() => tiny('workload.arrivals={kind: poisson, fps: 1e-7}'), '200 frames in 2e9 s still resolve microseconds');
});
