/**
 * Bookkeeping every policy shares: which keys are cached, their sizes, occupancy, and the checks
 * on PolicyOptions. Policies extend it and add only their ordering structure.
 */
import { InputError } from '../errors.js';
import type { PolicyOptions } from './policy.js';

export abstract class KeyedCache {
  readonly capacity: number;
  used = 0;
  count = 0;
  protected readonly resident: Uint8Array;
  protected readonly sizeOf: Uint32Array;

  constructor(policy: string, options: PolicyOptions) {
    const { capacity, keySpace } = options;
    if (!(capacity >= 0) || !Number.isFinite(capacity)) {
      throw new InputError(`${policy}: capacity must be a finite number >= 0, got ${capacity}`);
    }
    if (!Number.isInteger(keySpace) || keySpace < 0 || keySpace > 0x7fffffff) {
      throw new InputError(`${policy}: keySpace must be an integer in [0, 2^31), got ${keySpace}`);
    }
    this.capacity = capacity;
    this.resident = new Uint8Array(keySpace);
    this.sizeOf = new Uint32Array(keySpace);
  }

  has(key: number): boolean {
    return this.resident[key] === 1;
  }

  /** The key evict() would remove now, or -1 when empty. */
  abstract victim(): number;

  /** Removes key if cached; returns whether it was. */
  abstract remove(key: number): boolean;

  /** Removes and returns victim(); an ordering that can evict more cheaply overrides it. */
  evict(): number {
    const key = this.victim();
    this.remove(key);
    return key;
  }

  /** Marks key cached; the subclass links it into its ordering. */
  protected add(key: number, size: number): void {
    this.resident[key] = 1;
    this.sizeOf[key] = size;
    this.used += size;
    this.count++;
  }

  /** Marks key gone; the subclass unlinks it from its ordering. */
  protected drop(key: number): void {
    this.resident[key] = 0;
    this.used -= this.sizeOf[key];
    this.count--;
  }
}
