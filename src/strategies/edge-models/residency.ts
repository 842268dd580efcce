/**
 * The models resident in the edge accelerator's memory: a byte budget managed by any registered
 * replacement policy (keys are applications, sizes their models' bytes), and the cold loads that
 * bring a model in: its bytes down the WAN from the cloud, or over the LAN from a neighbouring edge
 * that holds it (sharing the link with everything else on it), then a load time per byte into
 * accelerator memory. One per edge server.
 *
 * The rules, in the order of a request:
 * - resident and loaded: a hit (the policy's touch); still loading: a hit for the policy too (the
 *   model was inserted when its load started), and the frame waits for the load;
 * - absent: the policy admits it (or refuses, e.g. behind an admission filter), then evicts its victims
 *   until the model fits. A model whose load is in flight cannot be evicted: when the policy's next
 *   victim is one, the load is refused (victims already evicted stay evicted) and the frame goes
 *   elsewhere. So the policy sees exactly the has/touch/insert/evict sequence of a trace replay except
 *   at refusals, which are counted (`refused`); the exported request stream replays with the same
 *   misses when there are none (test/strategies/edge-models.test.ts).
 * Memory is reserved when a load starts: resident plus loading bytes never exceed the budget. (The
 * alternative, a model entering the policy only when its load lands, was tried: with more models in
 * demand than fit, every miss then reserved memory for its load and evicted hot models, and the hit
 * rate fell to 1-3% under every policy; here a policy sees every request, as in a trace replay.) A model
 * evicted while frames of it still wait in the server's queue serves them (an ASSUMPTION: eviction
 * waits for its running batch; its memory counts as free at once).
 */
import { type CachePolicy } from '../../policies/policy.js';
import type { PolicyEntry } from '../../policies/registry.js';
import type { HandlerId } from '../../sim/engine.js';
import type { Link } from '../../sim/link.js';
import type { World } from '../../world/world.js';

/** What a request found. */
export const Found = { resident: 0, loading: 1, started: 2, refused: 3 } as const;
export type FoundCode = (typeof Found)[keyof typeof Found];

const ABSENT = 0, LOADING = 1, LOADED = 2;

export interface ResidencyOptions {
  policy: PolicyEntry;
  /** Bytes of accelerator memory the policy manages. */
  capacity: number;
  /** Each application's model size, bytes. */
  bytes: Float64Array;
  /** Seconds per byte to load a model into accelerator memory once its bytes are at the edge. */
  loadSecondsPerByte: number;
  /** What reloading application k would cost now, for cost-aware policies (the scenario's unit). */
  missCost: (k: number) => number;
  /** The policy's seed (randomized policies). */
  seed: string;
  /** Application k's model has loaded. */
  loaded: (k: number) => void;
}

export class Residency {
  readonly policy: CachePolicy;
  private readonly state: Uint8Array;
  private readonly transferred: HandlerId;
  private readonly ready: HandlerId;
  private readonly timed: boolean;

  constructor(
    private readonly world: World,
    private readonly o: ResidencyOptions,
  ) {
    const apps = o.bytes.length;
    this.policy = o.policy.create({ capacity: o.capacity, keySpace: apps, seed: o.seed, missCost: o.missCost });
    this.state = new Uint8Array(apps);
    this.timed = this.policy.at !== undefined;
    const e = world.engine;
    this.transferred = e.on((k) => e.schedule(o.bytes[k] * o.loadSecondsPerByte, this.ready, k));
    this.ready = e.on((k) => {
      this.state[k] = LOADED;
      o.loaded(k);
    });
  }

  /** Whether application k's model is resident and loaded. */
  loaded(k: number): boolean {
    return this.state[k] === LOADED;
  }

  /**
   * Makes the first models of `order` that fit resident before the run, at no cost (a warm edge):
   * inserted from the last of them to the first, so the first is the most recent.
   */
  preload(order: ArrayLike<number>): void {
    const p = this.policy, chosen: number[] = [];
    let used = 0;
    for (let i = 0; i < order.length; i++) {
      const k = order[i];
      if (used + this.o.bytes[k] > p.capacity) break;
      used += this.o.bytes[k];
      chosen.push(k);
    }
    for (const k of chosen.reverse()) {
      p.insert(k, this.o.bytes[k], Infinity);
      this.state[k] = LOADED;
    }
  }

  /**
   * A request for application k's model, now; a miss that can be loaded starts its load over `source`
   * (the WAN from the cloud, or the LAN from a neighbouring edge).
   */
  request(k: number, source: Link): FoundCode {
    const p = this.policy;
    if (this.timed) p.at!(this.world.engine.now);
    if (p.has(k)) {
      p.touch(k, Infinity);
      return this.state[k] === LOADED ? Found.resident : Found.loading;
    }
    const size = this.o.bytes[k];
    if (size > p.capacity || (p.admit && !p.admit(k, size, Infinity))) return Found.refused;
    while (p.used + size > p.capacity) {
      if (this.state[p.victim()] === LOADING) return Found.refused;
      this.state[p.evict()] = ABSENT;
    }
    p.insert(k, size, Infinity);
    this.state[k] = LOADING;
    source.send(size, this.transferred, k);
    return Found.started;
  }
}
