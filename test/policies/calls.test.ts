/**
 * What a policy sees (docs/contracts.md): the calls each caller makes, in order, and the context it
 * gives (at(time), the device in PolicyOptions), recorded through a policy written outside src/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replay } from '../../src/mrc/replay.js';
import type { CachePolicy, PolicyOptions } from '../../src/policies/policy.js';
import type { PolicyEntry } from '../../src/policies/registry.js';
import { Recorder } from '../../src/world/recorder.js';
import { World } from '../../src/world/world.js';
import { DeviceCaches } from '../../src/strategies/cachenet/device-caches.js';
import { ArrayLru } from '../fixtures/broken-plugins.js';
import { tiny } from '../scenario/helpers.js';

/** An LRU with an at() hook that logs every call made on it (property reads excepted). */
function recording(log: string[], options: PolicyOptions[]): PolicyEntry {
  class Timed extends ArrayLru {
    at(): void {}
  }
  return {
    description: 'records its calls',
    needsFuture: false,
    create(o) {
      options.push(o);
      const cache = new Timed(o);
      return new Proxy(cache, {
        get(target, key) {
          const v = Reflect.get(target, key, target);
          if (typeof v !== 'function') return v;
          return (...args: number[]) => (log.push(`${String(key)}(${args.filter((a) => a !== Infinity).join(', ')})`), v.apply(target, args));
        },
      }) as CachePolicy;
    },
  };
}

test('mcsim mrc replay: per request at(time), has(key), then touch on a hit, or evict while it does not fit and insert', () => {
  const log: string[] = [];
  const cache = recording(log, []).create({ capacity: 1, keySpace: 2 });
  replay(cache, Int32Array.from([0, 0, 1]));
  assert.deepEqual(log, ['at(0)', 'has(0)', 'insert(0, 1)', 'at(1)', 'has(0)', 'touch(0)', 'at(2)', 'has(1)', 'evict()', 'insert(1, 1)']);
  log.length = 0;
  replay(recording(log, []).create({ capacity: 1, keySpace: 1 }), Int32Array.from([0]), undefined, undefined, Float64Array.from([12.5]));
  assert.deepEqual(log, ['at(12.5)', 'has(0)', 'insert(0, 1)'], "with the trace's request times, at() gets them");
});

test("CacheNet's device caches: one policy per device, told its device; at(simulated time) before every use and every landing", () => {
  const p = tiny('workload.devices=2');
  const world = new World(p, 0, new Recorder({ truth: p.truth, partOf: p.partOf, warmupFrames: 0 }));
  const log: string[] = [], options: PolicyOptions[] = [];
  const caches = new DeviceCaches(world, recording(log, options), p.partition!.bytes);
  assert.deepEqual(options.map((o) => [o.device, o.capacity, o.keySpace]), [[0, 3, 10], [1, 3, 10]]);
  const e = world.engine;
  e.scheduleAt(2.5, e.on(() => caches.insert(1, 4)));
  e.scheduleAt(3.25, e.on(() => caches.used(1, 4)));
  e.scheduleAt(4, e.on(() => void caches.has(1, 7)));
  e.run();
  // A landing is a request through access(); a use of a cached partition a touch; has() alone is a question.
  assert.deepEqual(log, ['at(2.5)', 'has(4)', 'insert(4, 1)', 'at(3.25)', 'has(4)', 'touch(4)', 'has(7)']);
});
