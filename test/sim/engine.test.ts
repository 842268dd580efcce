import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Engine, SimulationError } from '../../src/sim/engine.js';

test('events run in time order, ties in scheduling order', () => {
  const e = new Engine();
  const log: number[] = [];
  const h = e.on((p) => log.push(p));
  e.schedule(2, h, 1);
  e.schedule(1, h, 2);
  e.schedule(1, h, 3);
  e.schedule(0, h, 4);
  e.run();
  assert.deepEqual(log, [4, 2, 3, 1]);
  assert.equal(e.now, 2);
});

test('runUntil(t) runs events strictly before t and stops the clock at t (SimPy horizon rule)', () => {
  const e = new Engine();
  const log: number[] = [];
  const h = e.on((p) => log.push(p));
  e.schedule(1, h, 1);
  e.schedule(2, h, 2);
  e.schedule(3, h, 3);
  e.runUntil(2);
  assert.deepEqual(log, [1]);
  assert.equal(e.now, 2);
  assert.equal(e.pending, 2);
  e.runUntil(2.5);
  assert.deepEqual(log, [1, 2]);
  assert.equal(e.peek(), 3);
});

/** An engine with one event at 0 that schedules the next a second later, 5 in all; fired() counts them. */
function chainOfFive() {
  const e = new Engine();
  let n = 0;
  const h: number = e.on(() => {
    if (++n < 5) e.schedule(1, h);
  });
  e.schedule(0, h);
  return { e, fired: () => n };
}

test('handlers may schedule; step fires one event', () => {
  const { e, fired } = chainOfFive();
  assert.equal(e.step(), true);
  assert.equal(fired(), 1);
  e.run();
  assert.equal(fired(), 5);
  assert.equal(e.now, 4);
  assert.equal(e.step(), false);
});

test('runEvents(n) fires at most n events and says whether any remain', () => {
  const { e, fired } = chainOfFive();
  assert.equal(e.runEvents(3), true);
  assert.equal(fired(), 3);
  assert.equal(e.now, 2);
  assert.equal(e.runEvents(3), false);
  assert.equal(fired(), 5);
  assert.equal(e.runEvents(3), false);
});

test('cancel removes a pending event once; stale ids are ignored', () => {
  const e = new Engine();
  const log: number[] = [];
  const h = e.on((p) => log.push(p));
  const a = e.schedule(1, h, 1);
  e.schedule(2, h, 2);
  assert.equal(e.cancel(a), true);
  assert.equal(e.cancel(a), false);
  const c = e.schedule(3, h, 3); // reuses a's slot with a new generation
  assert.equal(e.cancel(a), false);
  e.run();
  assert.deepEqual(log, [2, 3]);
  assert.equal(e.cancel(c), false);
});

test('bad delays are refused; handler errors carry the simulation time', () => {
  const e = new Engine();
  const h = e.on(() => {
    throw new Error('boom');
  });
  assert.throws(() => e.schedule(-1, h), /delay must be >= 0/);
  assert.throws(() => e.schedule(NaN, h), /delay must be >= 0/);
  e.schedule(1.5, h);
  assert.throws(() => e.run(), (err: unknown) => err instanceof SimulationError && err.time === 1.5 && /boom/.test(err.message));
});

type Op = { kind: 'schedule'; delay: number } | { kind: 'cancel'; which: number } | { kind: 'step' };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('schedule' as const), delay: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 10, noNaN: true })) }),
  fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('step' as const) }),
);

test('property: events pop in non-decreasing (time, seq) order; pending = scheduled - fired - cancelled', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const e = new Engine();
      const fired: Array<[number, number]> = [];
      const times = new Map<number, number>();
      const h = e.on((seq) => fired.push([e.now, seq]));
      const ids: number[] = [];
      let seq = 0, scheduled = 0, cancelled = 0;
      const check = () => assert.equal(e.pending, scheduled - fired.length - cancelled);
      for (const o of ops) {
        if (o.kind === 'schedule') {
          times.set(seq, e.now + o.delay);
          ids.push(e.schedule(o.delay, h, seq++));
          scheduled++;
        } else if (o.kind === 'cancel' && ids.length > 0) {
          if (e.cancel(ids[o.which % ids.length])) cancelled++;
        } else if (o.kind === 'step') {
          e.step();
        }
        check();
      }
      e.run();
      check();
      for (let i = 1; i < fired.length; i++) {
        const [t0, s0] = fired[i - 1], [t1, s1] = fired[i];
        assert.ok(t0 < t1 || (t0 === t1 && s0 < s1), `event ${s1}@${t1} after ${s0}@${t0}`);
      }
      for (const [t, s] of fired) assert.equal(t, times.get(s));
    }),
    { numRuns: 300 },
  );
});

test('zero-delay events run after the events already due now, in scheduling order, and can be cancelled', () => {
  const e = new Engine();
  const log: string[] = [];
  const h = e.on((p) => log.push(String(p)));
  let cancelMe = -1;
  const first = e.on(() => {
    log.push('first');
    e.schedule(0, h, 10);
    cancelMe = e.schedule(0, h, 11);
    e.schedule(0, h, 12);
    assert.equal(e.peek(), 1);
  });
  e.schedule(1, first);
  e.schedule(1, h, 2); // due at 1 and scheduled before the zero-delay ones: it runs before them
  e.schedule(2, h, 3);
  e.step();
  assert.equal(e.pending, 5);
  assert.equal(e.cancel(cancelMe), true);
  assert.equal(e.cancel(cancelMe), false);
  assert.equal(e.pending, 4);
  e.run();
  assert.deepEqual(log, ['first', '2', '10', '12', '3']);
  // A cancelled zero-delay event leaves nothing pending; its slot is reused.
  const z = e.schedule(0, h, 20);
  assert.equal(e.cancel(z), true);
  assert.equal(e.peek(), Infinity);
  e.schedule(0.5, h, 21);
  e.run();
  assert.deepEqual(log.slice(5), ['21']);
});

test('property: with handlers scheduling (many at delay 0) and cancelling, events run in (time, scheduling) order', () => {
  const step = fc.record({ delays: fc.array(fc.constantFrom(0, 0, 0, 0.5, 1), { maxLength: 3 }), cancel: fc.nat(), doCancel: fc.boolean() });
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 200 }), (steps) => {
      const e = new Engine();
      const due = new Map<number, number>();
      const ids: number[] = [];
      const fired: number[] = [];
      let scheduled = 0, cancelled = 0, k = 0;
      const sched = (delay: number) => {
        due.set(scheduled, e.now + delay);
        ids.push(e.schedule(delay, h, scheduled++));
      };
      const h: number = e.on((seq) => {
        assert.equal(e.now, due.get(seq));
        fired.push(seq);
        const s = steps[k++ % steps.length];
        if (k > 4 * steps.length) return;
        for (const d of s.delays) sched(d);
        if (s.doCancel && e.cancel(ids[s.cancel % ids.length])) cancelled++;
        assert.equal(e.pending, scheduled - fired.length - cancelled);
      });
      sched(0);
      sched(0.5);
      e.run();
      assert.equal(e.pending, 0);
      assert.equal(fired.length, scheduled - cancelled);
      for (let i = 1; i < fired.length; i++) {
        const a = fired[i - 1], b = fired[i];
        assert.ok(due.get(a)! < due.get(b)! || (due.get(a) === due.get(b) && a < b), `event ${b}@${due.get(b)} after ${a}@${due.get(a)}`);
      }
    }),
    { numRuns: 200 },
  );
});
