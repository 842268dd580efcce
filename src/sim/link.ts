/**
 * A one-way link: transfers of `bytes` over a Bandwidth, plus a fixed delay per transfer (`rtt`:
 * propagation and protocol round trip). A transfer's time is bits / bandwidth integrated from its
 * start, plus rtt.
 *
 * Sharing among concurrent transfers (several devices on one wireless channel):
 * - 'fifo': one transfer at a time in arrival order (a Server whose service time is the transmit time);
 * - 'ps': processor sharing, n active transfers each get bandwidth / n. In virtual time: V counts the
 *   bits each active transfer has received so far, a transfer arriving at V with b bits leaves when V
 *   reaches its finish tag V + b, and the transfers sit in a heap on their tags, so an arrival or a
 *   departure costs O(log n) however long the backlog (issue 13: a per-transfer update on every event
 *   made overloaded links quadratic). Every arrival or departure re-plans the next departure,
 *   cancelling the one scheduled before.
 *
 * Airtime: how long the sender's radio was busy with a transfer, for energy. Under 'fifo' it is the
 * transmission itself (not the wait behind others); under 'ps' a sender (`owner`, e.g. a device) is
 * transmitting while any of its transfers is active, and that time is split equally among its own
 * concurrent transfers, so overlapping transfers are not charged twice (kept per sender as a running
 * integral of 1 / its active transfers, read at arrival and departure; a sender gets a dense local
 * index on its first transfer, so a link's per-sender state grows with the senders it has seen, not
 * with their ids: a per-device link holds one, whatever the device's number). The fixed delay is not
 * airtime. It is readable as `deliveredAirtime` while the transfer's `done` handler runs.
 */
import type { Bandwidth } from './bandwidth.js';
import type { Engine, EventId, HandlerId } from './engine.js';
import { Server } from './server.js';
import { SlotHeap } from './slot-heap.js';
import { Tally, TimeAverage } from './stats.js';
import { grown } from './typed-arrays.js';

export type Sharing = 'fifo' | 'ps';

export interface LinkOptions {
  bandwidth: Bandwidth;
  /** Fixed delay added to every transfer, seconds. @defaultValue 0 */
  rtt?: number;
  /** @defaultValue 'fifo' */
  sharing?: Sharing;
}

export class Link {
  readonly bandwidth: Bandwidth;
  readonly rtt: number;
  readonly sharing: Sharing;
  /** Transfer times (s), from send() to delivery, rtt included. */
  readonly transferTimes = new Tally();
  /** 1 while any transfer is in progress: busy.mean(now) is the link's utilization. */
  readonly busy: TimeAverage;

  private readonly fifo: Server | null;
  private readonly onTransmitted: HandlerId;
  private readonly onDelivered: HandlerId;
  private readonly onPsDeparture: HandlerId;
  // Per transfer slot.
  private tPayload = new Float64Array(16);
  private tDone = new Int32Array(16);
  private tStart = new Float64Array(16);
  /** Processor sharing: the value of psServed at which the transfer has all its bits. */
  private tFinish = new Float64Array(16);
  /** Processor sharing: arrival order, for ties between finish tags. */
  private tSeq = new Float64Array(16);
  private tAirtime = new Float64Array(16);
  private tOwner = new Int32Array(16);
  private free: number[] = [];
  private nSlots = 0;
  private inFlight = 0;
  private delivering = -1;
  // FIFO: when the previous transmission ended (a transmission starts at max(send, that)).
  private fifoLastEnd = 0;
  // Processor sharing: bits served to each active transfer so far (virtual time), the transfers by
  // finish tag, per sender its active transfers and its airtime integral, and the planned departure.
  private psServed = 0;
  private readonly psFlows = new SlotHeap((a, b) => this.tFinish[a] < this.tFinish[b] || (this.tFinish[a] === this.tFinish[b] && this.tSeq[a] < this.tSeq[b]));
  private psArrivals = 0;
  /** Sender id -> its index into the psOwner* arrays (and tOwner holds that index). */
  private readonly psOwnerIndex = new Map<number, number>();
  private psPerOwner = new Float64Array(4);
  private psOwnerAirtime = new Float64Array(4);
  private psOwnerSince = new Float64Array(4);
  private psLastOwner = -1;
  private psLastOwnerSlot = -1;
  private psLast = 0;
  private psNext: EventId = -1;

  constructor(
    private readonly engine: Engine,
    options: LinkOptions,
  ) {
    this.bandwidth = options.bandwidth;
    this.rtt = options.rtt ?? 0;
    this.sharing = options.sharing ?? 'fifo';
    if (!(this.rtt >= 0)) throw new RangeError(`Link: rtt must be >= 0 s, got ${this.rtt}`);
    this.busy = new TimeAverage(engine.now);
    this.onTransmitted = engine.on((slot) => this.transmitted(slot));
    this.onDelivered = engine.on((slot) => this.delivered(slot));
    this.onPsDeparture = engine.on(() => this.psDeparture());
    this.fifo =
      this.sharing === 'fifo'
        ? new Server(engine, { duration: (bits, start) => this.bandwidth.transmitTime(start, bits) })
        : null;
  }

  /**
   * Starts a transfer from sender `owner` (an integer >= 0, e.g. the device); `done(payload)` runs when
   * the last byte has arrived (after the rtt).
   */
  send(bytes: number, done: HandlerId, payload: number, owner = 0): void {
    const slot = this.takeSlot();
    const now = this.engine.now;
    this.tPayload[slot] = payload;
    this.tDone[slot] = done;
    this.tStart[slot] = now;
    this.tAirtime[slot] = 0;
    this.inFlight++;
    this.busy.set(now, 1);
    const bits = 8 * bytes;
    if (this.fifo) {
      this.fifo.submit(slot, bits, this.onTransmitted);
    } else {
      this.psAdvance(now);
      this.tFinish[slot] = this.psServed + bits;
      this.tSeq[slot] = this.psArrivals++;
      this.psFlows.push(slot);
      const o = this.ownerSlot(owner);
      this.tOwner[slot] = o;
      this.tAirtime[slot] = -this.ownerAirtime(o, now);
      this.psPerOwner[o]++;
      this.psPlan(now);
    }
  }

  /** Forgets accumulated statistics (end of warm-up); transfers in progress are kept. */
  resetStats(): void {
    const now = this.engine.now;
    this.transferTimes.reset();
    this.busy.reset(now);
  }

  /** Whether nothing is being transmitted (transfers may still be within their fixed delay). */
  get idle(): boolean {
    return this.inFlight === 0;
  }

  /** The airtime (s) of the transfer whose `done` handler is running; NaN outside one. */
  get deliveredAirtime(): number {
    return this.delivering >= 0 ? this.tAirtime[this.delivering] : NaN;
  }

  private transmitted(slot: number): void {
    const now = this.engine.now;
    if (this.fifo) {
      this.tAirtime[slot] = now - Math.max(this.tStart[slot], this.fifoLastEnd);
      this.fifoLastEnd = now;
    }
    if (--this.inFlight === 0) this.busy.set(now, 0);
    this.transferTimes.add(now + this.rtt - this.tStart[slot]);
    this.engine.schedule(this.rtt, this.onDelivered, slot);
  }

  private delivered(slot: number): void {
    this.delivering = slot;
    try {
      this.engine.invoke(this.tDone[slot], this.tPayload[slot]);
    } finally {
      this.delivering = -1;
      this.free.push(slot);
    }
  }

  /** Serves the active transfers their share of the bits sent since the last change. */
  private psAdvance(now: number): void {
    const n = this.psFlows.size;
    if (n > 0 && now > this.psLast) this.psServed += this.bandwidth.bitsBetween(this.psLast, now) / n;
    this.psLast = now;
  }

  /** Owner's airtime integral (the sum over time of 1 / its active transfers) brought up to now. */
  private ownerAirtime(owner: number, now: number): number {
    const n = this.psPerOwner[owner];
    if (n > 0) this.psOwnerAirtime[owner] += (now - this.psOwnerSince[owner]) / n;
    this.psOwnerSince[owner] = now;
    return this.psOwnerAirtime[owner];
  }

  /** Schedules the next departure: the transfer with the smallest finish tag, at the current share. */
  private psPlan(now: number): void {
    if (this.psNext >= 0) this.engine.cancel(this.psNext);
    this.psNext = -1;
    const n = this.psFlows.size;
    if (n === 0) return;
    const dt = this.bandwidth.transmitTime(now, Math.max(0, this.tFinish[this.psFlows.peek()] - this.psServed) * n);
    if (dt !== Infinity) this.psNext = this.engine.schedule(dt, this.onPsDeparture);
  }

  private psDeparture(): void {
    const now = this.engine.now;
    this.psNext = -1;
    this.psAdvance(now);
    // The planned transfer leaves; so does any other that finished at the same instant (up to
    // round-off), in arrival order. A lone departure (the usual case) needs no list.
    const first = this.psFlows.pop();
    if (!this.psFinishedToo()) this.psLeave(first, now);
    else {
      const leaving = [first];
      while (this.psFinishedToo()) leaving.push(this.psFlows.pop());
      leaving.sort((a, b) => this.tSeq[a] - this.tSeq[b]);
      for (const f of leaving) this.psLeave(f, now);
    }
    this.psPlan(now);
  }

  /** Whether the next transfer in the heap has all its bits too (up to round-off). */
  private psFinishedToo(): boolean {
    return this.psFlows.size > 0 && this.tFinish[this.psFlows.peek()] - this.psServed <= 1e-6;
  }

  private psLeave(f: number, now: number): void {
    const owner = this.tOwner[f];
    this.tAirtime[f] += this.ownerAirtime(owner, now);
    this.psPerOwner[owner]--;
    this.transmitted(f);
  }

  private takeSlot(): number {
    const s = this.free.pop();
    if (s !== undefined) return s;
    if (this.nSlots === this.tPayload.length) {
      const n = 2 * this.nSlots;
      this.tPayload = grown(this.tPayload, n);
      this.tDone = grown(this.tDone, n);
      this.tStart = grown(this.tStart, n);
      this.tFinish = grown(this.tFinish, n);
      this.tSeq = grown(this.tSeq, n);
      this.tAirtime = grown(this.tAirtime, n);
      this.tOwner = grown(this.tOwner, n);
    }
    return this.nSlots++;
  }

  /** The sender's local index, given on its first transfer (the arrays doubling when full). */
  private ownerSlot(owner: number): number {
    // A device's own link has one sender: the last one asked for is checked before the map.
    if (owner === this.psLastOwner) return this.psLastOwnerSlot;
    let o = this.psOwnerIndex.get(owner);
    if (o === undefined) o = this.newOwner(owner);
    this.psLastOwner = owner;
    return (this.psLastOwnerSlot = o);
  }

  private newOwner(owner: number): number {
    const o = this.psOwnerIndex.size;
    this.psOwnerIndex.set(owner, o);
    if (o === this.psPerOwner.length) {
      this.psPerOwner = grown(this.psPerOwner, 2 * o);
      this.psOwnerAirtime = grown(this.psOwnerAirtime, 2 * o);
      this.psOwnerSince = grown(this.psOwnerSince, 2 * o);
    }
    return o;
  }
}
