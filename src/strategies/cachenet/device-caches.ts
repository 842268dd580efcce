/**
 * The partitions cached on each device: one replacement policy per device, when each cached partition
 * was last used (the probe tries the most recent first), and, for oracle policies, the next use of each
 * partition in the device's hint stream.
 *
 * Oracle policies (belady) see the future: the request stream of a device is its frames' hints as
 * they arrive; at a decision, the next use of partition p is the first frame after the latest arrived
 * one whose hint is p, and every cached key's next use is refreshed before an eviction, since next
 * uses go stale as frames arrive.
 */
import type { World } from '../../world/world.js';
import { access, type CachePolicy } from '../../policies/policy.js';
import type { PolicyEntry } from '../../policies/registry.js';

export class DeviceCaches {
  readonly parts: number;
  /** Size of one partition in the policy's unit (1 with slot capacities, bytes otherwise). */
  readonly size: number;
  readonly capacity: number;
  private readonly caches: CachePolicy[];
  private readonly lastUsed: Float64Array;
  private useClock = 0;
  private readonly oracle: boolean;
  /** Per device, the index of its latest arrived frame. */
  private readonly latest: Float64Array;
  /** Whether the policy has an at() hook: it is told the simulated time before each request. */
  private readonly timed: boolean;
  /** Whether the policy weighs next uses by distance (position()): told the index of the latest frame. */
  private readonly positioned: boolean;

  constructor(
    private readonly world: World,
    policy: PolicyEntry,
    partitionBytes: number,
  ) {
    const s = world.scenario;
    const devices = s.workload.devices;
    this.parts = world.prepared.partitions.length;
    const bySlots = s.device.cache.slots !== undefined;
    this.size = bySlots ? 1 : partitionBytes;
    this.capacity = bySlots ? s.device.cache.slots! : s.device.cache.bytes!;
    this.caches = Array.from({ length: devices }, (_, d) =>
      policy.create({ capacity: this.capacity, keySpace: this.parts, seed: `${s.seed}/${world.replication}/cache/${d}`, device: d }),
    );
    this.lastUsed = new Float64Array(devices * this.parts);
    this.oracle = policy.needsFuture;
    this.latest = new Float64Array(devices).fill(-1);
    this.timed = this.caches[0]?.at !== undefined;
    this.positioned = this.caches[0]?.position !== undefined;
  }

  /** Frame `seq` of device d has arrived: next uses now count from it. */
  arrived(d: number, seq: number): void {
    this.latest[d] = seq;
  }

  has(d: number, p: number): boolean {
    return this.caches[d].has(p);
  }

  count(d: number): number {
    return this.caches[d].count;
  }

  /** Whether a partition can fit at all. */
  get fits(): boolean {
    return this.size <= this.capacity;
  }

  /** The most recently used cached partition of device d (-1: none cached). */
  mru(d: number): number {
    let best = -1;
    for (let p = 0; p < this.parts; p++) {
      if (this.caches[d].has(p) && (best < 0 || this.lastUsed[d * this.parts + p] > this.lastUsed[d * this.parts + best])) best = p;
    }
    return best;
  }

  /** Partition p of device d was used (answered a frame, or was the edge's pick): a hit for its policy if cached. */
  used(d: number, p: number): void {
    if (this.timed) this.caches[d].at!(this.world.engine.now);
    if (this.positioned) this.caches[d].position!(Math.max(0, this.latest[d]));
    if (this.caches[d].has(p)) this.caches[d].touch(p, this.nextUse(d, p));
    this.lastUsed[d * this.parts + p] = ++this.useClock;
  }

  /**
   * Partition p has landed on device d: the policy makes room and inserts it (or, bypassing, declines).
   * `use`: it counts as used now (false for a prefetch nobody asked for yet: not the partition to probe first).
   */
  insert(d: number, p: number, use = true): void {
    if (this.timed) this.caches[d].at!(this.world.engine.now);
    if (this.positioned) this.caches[d].position!(Math.max(0, this.latest[d]));
    if (this.oracle) for (let q = 0; q < this.parts; q++) if (this.caches[d].has(q)) this.caches[d].touch(q, this.nextUse(d, q));
    access(this.caches[d], p, this.size, this.nextUse(d, p));
    if (use) this.lastUsed[d * this.parts + p] = ++this.useClock;
  }

  /** Index of device d's latest arrived frame (-1 before the first). */
  latestSeq(d: number): number {
    return this.latest[d];
  }

  /** Next use of p in device d's hint stream after its latest arrived frame (Infinity without the future). */
  nextUse(d: number, p: number): number {
    return this.world.futures?.[d].nextUse(p, this.latest[d]) ?? Infinity;
  }
}
