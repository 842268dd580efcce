/**
 * The batching server (sim/batch-server.ts): Server's FIFO exactly at batch 1, a hand-computed case,
 * the closed form of batches filled by periodic arrivals, one model per batch, and compute shares that
 * add up to each batch's time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Engine } from '../../src/sim/engine.js';
import { BatchServer, type BatchOptions } from '../../src/sim/batch-server.js';
import { Server } from '../../src/sim/server.js';

interface Arrival {
  at: number;
  work: number;
  model: number;
}

/** Replays arrivals through a server; returns each job's (job, model, finish time, share) in finish order, and the drops. */
function replay(arrivals: Arrival[], make: (e: Engine) => Server | BatchServer, models = 2) {
  const e = new Engine();
  const server = make(e);
  const out: Array<[job: number, model: number, time: number, share: number]> = [];
  const done = Array.from({ length: models }, (_, m) => e.on((job) => out.push([job, m, e.now, server instanceof BatchServer ? server.share : 1])));
  const arrive = e.on((job) => server.submit(job, arrivals[job].work, done[arrivals[job].model]));
  arrivals.forEach((a, job) => e.scheduleAt(a.at, arrive, job));
  e.run();
  return { out, dropped: server.dropped, waits: server.waits.mean };
}

const arrivalsArb = fc.array(fc.record({ at: fc.integer({ min: 0, max: 40 }), work: fc.integer({ min: 1, max: 8 }), model: fc.integer({ min: 0, max: 1 }) }), { minLength: 1, maxLength: 40 }).map((as) => as.sort((a, b) => a.at - b.at));

test('at maxBatch 1 it is Server: the same finish times, order and drops, for any wait, workers and queue limit', () => {
  fc.assert(
    fc.property(arrivalsArb, fc.integer({ min: 1, max: 3 }), fc.constantFrom(Infinity, 0, 2), fc.constantFrom(0, 3), (arrivals, workers, maxQueue, maxWait) => {
      const plain = replay(arrivals, (e) => new Server(e, { workers, maxQueue }));
      const batched = replay(arrivals, (e) => new BatchServer(e, { workers, maxQueue, batching: { maxBatch: 1, maxWait, perExtra: 0.5 } }));
      assert.deepEqual(batched, plain);
    }),
    { numRuns: 300 },
  );
});

test('a hand-computed case: a batch fills before its wait runs out, the late job runs alone', () => {
  // One worker, batches of at most 3, wait at most 0.5 s, each extra job +50%. A, B, C at 0, 0.1, 0.2 s
  // (1 s each at batch 1) fill a batch at 0.2 s: it runs 1 x (1 + 0.5 x 2) = 2 s, to 2.2 s, each
  // charged 2/3 of its own second. D (2 s) arrives at 0.3 s, waits for the worker, and runs alone from
  // 2.2 to 4.2 s. Waits 0.2, 0.1, 0, 1.9: mean 0.55 s.
  const arrivals: Arrival[] = [
    { at: 0, work: 1, model: 0 },
    { at: 0.1, work: 1, model: 0 },
    { at: 0.2, work: 1, model: 0 },
    { at: 0.3, work: 2, model: 0 },
  ];
  const r = replay(arrivals, (e) => new BatchServer(e, { batching: { maxBatch: 3, maxWait: 0.5, perExtra: 0.5 } }), 1);
  const round = (x: number) => Math.round(x * 1e9) / 1e9;
  assert.deepEqual(r.out.map(([job, , t, share]) => [job, round(t), round(share)]), [[0, 2.2, round(2 / 3)], [1, 2.2, round(2 / 3)], [2, 2.2, round(2 / 3)], [3, 4.2, 1]]);
  assert.equal(round(r.waits), 0.55);
});

test('a lone job runs when its wait runs out, not before', () => {
  const r = replay([{ at: 1, work: 2, model: 0 }], (e) => new BatchServer(e, { batching: { maxBatch: 8, maxWait: 0.25, perExtra: 0.1 } }), 1);
  assert.deepEqual(r.out, [[0, 0, 3.25, 1]]);
});

test('a wait that ends at a sum that rounds (0.3 + 0.6 s) still ends: the job runs then, once', () => {
  const r = replay([{ at: 0.3, work: 1, model: 0 }], (e) => new BatchServer(e, { batching: { maxBatch: 4, maxWait: 0.6, perExtra: 0 } }), 1);
  assert.deepEqual(r.out, [[0, 0, 0.3 + 0.6 + 1, 1]]);
});

test('periodic arrivals fill every batch: waits (B - 1) T / 2 on average, sojourn wait + batch time (closed form)', () => {
  // Every T = 1 s a job of 2 s at batch 1; batches of B = 4, a wait long enough never to run out; each
  // extra job +25%: a batch runs 2 x 1.75 = 3.5 s < B x T, so every batch starts when its 4th job arrives.
  const T = 1, B = 4, batch: BatchOptions = { maxBatch: B, maxWait: 1e6, perExtra: 0.25 };
  const arrivals = Array.from({ length: 400 }, (_, i) => ({ at: i * T, work: 2, model: 0 }));
  const r = replay(arrivals, (e) => new BatchServer(e, { batching: batch }), 1);
  assert.ok(Math.abs(r.waits - ((B - 1) * T) / 2) < 1e-12, `mean wait ${r.waits}`);
  const batchTime = 2 * (1 + batch.perExtra * (B - 1));
  for (const [job, , t] of r.out) assert.equal(t, (Math.floor(job / B) * B + B - 1) * T + batchTime, `job ${job}`);
});

test('a batch holds one model; shares of its jobs add up to the batch time', () => {
  fc.assert(
    fc.property(arrivalsArb, fc.integer({ min: 1, max: 2 }), fc.integer({ min: 2, max: 5 }), (arrivals, workers, maxBatch) => {
      const batching = { maxBatch, maxWait: 2, perExtra: 0.3 };
      const r = replay(arrivals, (e) => new BatchServer(e, { workers, batching }));
      assert.equal(r.out.length, arrivals.length, 'every job finishes once');
      // Jobs finishing at one instant with one model and share form a batch (or several alike).
      const groups = new Map<string, number[]>();
      for (const [job, model, t, share] of r.out) {
        const k = `${model}@${t}@${share}`;
        groups.set(k, [...(groups.get(k) ?? []), job]);
      }
      for (const [k, jobs] of groups) {
        const model = Number(k.split('@')[0]);
        for (const j of jobs) assert.equal(arrivals[j].model, model, 'a batch mixes models');
      }
      for (const [, , , share] of r.out) assert.ok(share > 0 && share <= 1);
    }),
    { numRuns: 200 },
  );
  // Shares: a batch of 3 jobs of 1, 2 and 3 s (arriving together, so the batch fills at once) runs mean 2 x (1 + 0.3 x 2) = 3.2 s; each is charged
  // 1.6 / 3 of its own time, 3.2 s in all.
  const three = [1, 2, 3].map((work) => ({ at: 0, work, model: 0 }));
  const r = replay(three, (e) => new BatchServer(e, { batching: { maxBatch: 3, maxWait: 0.5, perExtra: 0.3 } }), 1);
  const charged = r.out.reduce((s, [job, , , share]) => s + share * three[job].work, 0);
  assert.ok(Math.abs(charged - 3.2) < 1e-12 && r.out.every(([, , t]) => Math.abs(t - 3.2) < 1e-12));
});

test('bad batching options are refused with the field named', () => {
  const e = new Engine();
  assert.throws(() => new BatchServer(e, { batching: { maxBatch: 0, maxWait: 0, perExtra: 0 } }), /maxBatch must be a positive integer/);
  assert.throws(() => new BatchServer(e, { batching: { maxBatch: 2, maxWait: -1, perExtra: 0 } }), /maxWait must be >= 0/);
  assert.throws(() => new BatchServer(e, { batching: { maxBatch: 2, maxWait: 0, perExtra: -0.1 } }), /perExtra must be >= 0/);
});
