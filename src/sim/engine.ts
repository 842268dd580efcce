/**
 * The discrete-event kernel: a clock and a future-event set, nothing domain-specific.
 *
 * Events are (time, seq, handler, payload): `handler` is an integer id returned by `on()`, `payload`
 * an integer the handler receives (a job, frame or flow slot). Events run in (time, seq) order, where
 * seq is the scheduling order, so ties run first-scheduled-first and runs are deterministic.
 *
 * The future-event set is a binary heap over typed arrays: no object or closure is allocated per
 * event. The heap holds (time, seq, slot); handler and payload stay in the slot, so a sift moves three
 * numbers and updates one back-pointer. Slots are recycled and carry a generation, so an `EventId`
 * goes stale once its event fires or is cancelled and cancel() of a stale id is a no-op.
 */

import { grown } from './typed-arrays.js';

export type Handler = (payload: number) => void;
export type HandlerId = number;
/** Opaque handle of a scheduled event (slot + generation), for cancel(). */
export type EventId = number;

const SLOT_BITS = 2 ** 24;
const INITIAL_CAPACITY = 1024;

export class SimulationError extends Error {
  constructor(
    readonly time: number,
    cause: unknown,
  ) {
    super(`at simulation time ${time} s: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SimulationError';
  }
}

export class Engine {
  /** Current simulation time in seconds. */
  now = 0;

  private readonly handlers: Handler[] = [];
  // Heap, in heap order.
  private hTime = new Float64Array(INITIAL_CAPACITY);
  private hSeq = new Float64Array(INITIAL_CAPACITY);
  private hSlot = new Int32Array(INITIAL_CAPACITY);
  private size = 0;
  // Per slot.
  private sHandler = new Int32Array(INITIAL_CAPACITY);
  private sPayload = new Float64Array(INITIAL_CAPACITY);
  private sPos = new Int32Array(INITIAL_CAPACITY).fill(-1);
  private sGen = new Int32Array(INITIAL_CAPACITY);
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private nFree = 0;
  private nSlots = 0;
  private nextSeq = 0;
  private fired = 0;

  /** Registers a handler; the id is what schedule() takes. */
  on(handler: Handler): HandlerId {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /** Schedules `handler(payload)` after `delay` seconds (delay >= 0). */
  schedule(delay: number, handler: HandlerId, payload = 0): EventId {
    if (!(delay >= 0)) throw new RangeError(`Engine.schedule: delay must be >= 0, got ${delay}`);
    return this.push(this.now + delay, handler, payload);
  }

  /** Schedules `handler(payload)` at absolute time `time` (time >= now). */
  scheduleAt(time: number, handler: HandlerId, payload = 0): EventId {
    if (!(time >= this.now)) throw new RangeError(`Engine.scheduleAt: time ${time} is before now (${this.now})`);
    return this.push(time, handler, payload);
  }

  /** Removes a pending event; returns false if it already fired or was cancelled. */
  cancel(id: EventId): boolean {
    const slot = id % SLOT_BITS;
    if (slot >= this.nSlots || this.sGen[slot] !== (id - slot) / SLOT_BITS) return false;
    const pos = this.sPos[slot];
    if (pos < 0) return false;
    this.removeAt(pos);
    this.releaseSlot(slot);
    return true;
  }

  /** Calls a registered handler now, without scheduling (for resources completing a job). */
  invoke(handler: HandlerId, payload: number): void {
    this.handlers[handler](payload);
  }

  /** Time of the next event, or Infinity when none is pending. */
  peek(): number {
    return this.size > 0 ? this.hTime[0] : Infinity;
  }

  /** Number of pending events. */
  get pending(): number {
    return this.size;
  }

  /** Number of events fired so far. */
  get firedCount(): number {
    return this.fired;
  }

  /** Fires the next event; returns false when none is pending. */
  step(): boolean {
    if (this.size === 0) return false;
    this.fireNext();
    return true;
  }

  /** Runs until no event is pending. */
  run(): void {
    this.runUntil(Infinity);
  }

  /**
   * Runs every event with time < `until`, then sets now = until (when finite). As in SimPy's
   * run(until), events at exactly `until` do not run: they belong to the next period.
   */
  runUntil(until: number): void {
    if (until < this.now) throw new RangeError(`Engine.runUntil: ${until} is before now (${this.now})`);
    this.fire(until, Infinity);
    if (until !== Infinity) this.now = until;
  }

  /**
   * Fires at most `events` events; returns whether any are still pending. A caller runs a long
   * simulation in slices this way, to let other work (a progress bar, a signal handler) in between.
   */
  runEvents(events: number): boolean {
    this.fire(Infinity, events);
    return this.size > 0;
  }

  private fire(until: number, events: number): void {
    try {
      for (let n = 0; n < events && this.size > 0 && this.hTime[0] < until; n++) this.fireNext();
    } catch (err) {
      if (err instanceof SimulationError) throw err;
      throw new SimulationError(this.now, err);
    }
  }

  private fireNext(): void {
    const slot = this.hSlot[0];
    this.now = this.hTime[0];
    const handler = this.sHandler[slot];
    const payload = this.sPayload[slot];
    this.removeAt(0);
    this.releaseSlot(slot);
    this.fired++;
    this.handlers[handler](payload);
  }

  private push(time: number, handler: HandlerId, payload: number): EventId {
    if (this.size === this.hTime.length) this.growHeap();
    const slot = this.takeSlot();
    this.sHandler[slot] = handler;
    this.sPayload[slot] = payload;
    this.siftUp(this.size++, time, this.nextSeq++, slot);
    return this.sGen[slot] * SLOT_BITS + slot;
  }

  /** Places (time, seq, slot) at hole `i` or above it. */
  private siftUp(i: number, time: number, seq: number, slot: number): void {
    const hTime = this.hTime, hSeq = this.hSeq, hSlot = this.hSlot, sPos = this.sPos;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = hTime[p];
      if (pt < time || (pt === time && hSeq[p] < seq)) break;
      hTime[i] = pt;
      hSeq[i] = hSeq[p];
      const ps = hSlot[p];
      hSlot[i] = ps;
      sPos[ps] = i;
      i = p;
    }
    hTime[i] = time;
    hSeq[i] = seq;
    hSlot[i] = slot;
    sPos[slot] = i;
  }

  /** Places (time, seq, slot) at hole `i` or below it. */
  private siftDown(i: number, time: number, seq: number, slot: number): void {
    const hTime = this.hTime, hSeq = this.hSeq, hSlot = this.hSlot, sPos = this.sPos;
    const n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = hTime[c];
      const r = c + 1;
      if (r < n) {
        const rt = hTime[r];
        if (rt < ct || (rt === ct && hSeq[r] < hSeq[c])) {
          c = r;
          ct = rt;
        }
      }
      if (time < ct || (time === ct && seq < hSeq[c])) break;
      hTime[i] = ct;
      hSeq[i] = hSeq[c];
      const cs = hSlot[c];
      hSlot[i] = cs;
      sPos[cs] = i;
      i = c;
    }
    hTime[i] = time;
    hSeq[i] = seq;
    hSlot[i] = slot;
    sPos[slot] = i;
  }

  /** Removes the heap entry at `pos`, refilling the hole with the last entry. */
  private removeAt(pos: number): void {
    const last = --this.size;
    if (pos === last) return;
    const time = this.hTime[last], seq = this.hSeq[last], slot = this.hSlot[last];
    const p = (pos - 1) >> 1;
    if (pos > 0 && (time < this.hTime[p] || (time === this.hTime[p] && seq < this.hSeq[p]))) {
      this.siftUp(pos, time, seq, slot);
    } else {
      this.siftDown(pos, time, seq, slot);
    }
  }

  private takeSlot(): number {
    if (this.nFree > 0) return this.freeSlots[--this.nFree];
    if (this.nSlots === this.sHandler.length) this.growSlots();
    return this.nSlots++;
  }

  private releaseSlot(slot: number): void {
    this.sPos[slot] = -1;
    this.sGen[slot] = (this.sGen[slot] + 1) & 0x1fffffff;
    this.freeSlots[this.nFree++] = slot;
  }

  private growHeap(): void {
    const n = this.hTime.length * 2;
    this.hTime = grown(this.hTime, n);
    this.hSeq = grown(this.hSeq, n);
    this.hSlot = grown(this.hSlot, n);
  }

  private growSlots(): void {
    const n = this.sHandler.length * 2;
    if (n > SLOT_BITS) throw new RangeError(`Engine: more than ${SLOT_BITS} pending events`);
    this.sHandler = grown(this.sHandler, n);
    this.sPayload = grown(this.sPayload, n);
    this.sPos = grown(this.sPos, n, -1);
    this.sGen = grown(this.sGen, n);
    this.freeSlots = grown(this.freeSlots, n);
  }
}
