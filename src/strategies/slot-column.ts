/**
 * A per-frame integer a strategy keeps beside the frame table, indexed by slot (slots are reused once
 * a frame is answered, so it stays O(frames in flight)). One named column per meaning, rather than one
 * shared scratch value that means different things at different steps.
 */
import { grown } from '../sim/typed-arrays.js';

export class SlotColumn {
  private values = new Int32Array(64);

  get(slot: number): number {
    return slot < this.values.length ? this.values[slot] : 0;
  }

  set(slot: number, value: number): void {
    if (slot >= this.values.length) this.values = grown(this.values, Math.max(2 * this.values.length, slot + 1));
    this.values[slot] = value;
  }

  /** Adds `delta` and returns the new value. */
  add(slot: number, delta: number): number {
    const v = this.get(slot) + delta;
    this.set(slot, v);
    return v;
  }
}
