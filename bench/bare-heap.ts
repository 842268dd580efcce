/**
 * Baseline for the kernel benchmarks: the same models on a bare binary heap of (time, seq, kind)
 * in typed arrays, with no handler table, slots or cancellation. What the kernel costs on top of
 * this is its abstraction overhead.
 */
import { Rng } from '../src/sim/rng.js';

class BareHeap {
  time = new Float64Array(1 << 17);
  seq = new Float64Array(1 << 17);
  kind = new Int32Array(1 << 17);
  n = 0;
  private nextSeq = 0;

  push(t: number, k: number): void {
    if (this.n === this.time.length) {
      const g = <T extends Float64Array | Int32Array>(a: T, b: T) => (b.set(a), b);
      this.time = g(this.time, new Float64Array(2 * this.n));
      this.seq = g(this.seq, new Float64Array(2 * this.n));
      this.kind = g(this.kind, new Int32Array(2 * this.n));
    }
    const s = this.nextSeq++;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.time[p] < t || (this.time[p] === t && this.seq[p] < s)) break;
      this.time[i] = this.time[p];
      this.seq[i] = this.seq[p];
      this.kind[i] = this.kind[p];
      i = p;
    }
    this.time[i] = t;
    this.seq[i] = s;
    this.kind[i] = k;
  }

  /** Removes the top; returns its kind (its time was time[0] before the call). */
  pop(): number {
    const top = this.kind[0];
    const n = --this.n;
    const t = this.time[n], s = this.seq[n], k = this.kind[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (this.time[c + 1] < this.time[c] || (this.time[c + 1] === this.time[c] && this.seq[c + 1] < this.seq[c]))) c++;
      if (t < this.time[c] || (t === this.time[c] && s < this.seq[c])) break;
      this.time[i] = this.time[c];
      this.seq[i] = this.seq[c];
      this.kind[i] = this.kind[c];
      i = c;
    }
    this.time[i] = t;
    this.seq[i] = s;
    this.kind[i] = k;
    return top;
  }
}

/** M/M/1 until `customers` have departed; returns events processed and the mean wait. */
export function bareMM1(customers: number, lambda: number, mu: number, seed: string) {
  const arrivals = new Rng(`${seed}/arrivals`), service = new Rng(`${seed}/service`);
  const h = new BareHeap();
  const queue = new Float64Array(1 << 16); // arrival times, ring buffer
  let head = 0, len = 0, busy = false, departed = 0, arrived = 0, events = 0, waitSum = 0;
  h.push(0, 0);
  while (departed < customers) {
    const now = h.time[0];
    const kind = h.pop();
    events++;
    if (kind === 0) {
      arrived++;
      if (!busy) {
        busy = true;
        h.push(now + service.exponential(1 / mu), 1);
      } else {
        queue[(head + len++) & 0xffff] = now;
      }
      if (arrived < customers) h.push(now + arrivals.exponential(1 / lambda), 0);
    } else {
      departed++;
      if (len > 0) {
        waitSum += now - queue[head];
        head = (head + 1) & 0xffff;
        len--;
        h.push(now + service.exponential(1 / mu), 1);
      } else busy = false;
    }
  }
  return { events, meanWait: waitSum / customers };
}

/** The hold model: `pending` events; each step pops one and schedules it again after Exp(1). */
export function bareHold(pending: number, steps: number, seed: string) {
  const rng = new Rng(seed);
  const h = new BareHeap();
  for (let i = 0; i < pending; i++) h.push(rng.exponential(1), 0);
  for (let s = 0; s < steps; s++) {
    const now = h.time[0];
    h.pop();
    h.push(now + rng.exponential(1), 0);
  }
  return { steps, end: h.time[0] };
}
