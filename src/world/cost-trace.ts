/**
 * A cache request stream with physical miss costs, for other simulators (`mcsim run
 * --export-cost-trace`, issue 22): each request a strategy makes of a cache (edge-models: the edge's
 * model cache) with its time, object id, size and what missing it would cost at that moment, in
 * seconds and joules. Two files per run and cache:
 * - CSV `time,obj_id,obj_size,cost_s,cost_j` (time in simulated seconds; mcsim mrc reads it with
 *   `--header --id-col obj_id --size-col obj_size --time-col time`, libCacheSim with `-t csv` and the
 *   same columns);
 * - libCacheSim oracleGeneral (24-byte records: uint32 time, uint64 id, uint32 size, int64 next access
 *   as the 1-based index of the object's next request, -1 for never). The format has no field for a
 *   cost, so the costs are the CSV's: its row i is the binary's record i. Times are whole seconds there
 *   (the format's uint32), rounded down.
 * Every request is written, warm-up included: the stream is what the cache saw.
 */
import { InputError } from '../errors.js';
import { grown } from '../sim/typed-arrays.js';

export interface CostTraceSink {
  /**
   * A request to cache `cache` (edge-models: the edge server's index) for object `key` of `size` bytes
   * at time `t`; a miss would cost `costS` seconds and `costJ` joules now.
   */
  request(cache: number, t: number, key: number, size: number, costS: number, costJ: number): void;
}

/** A run's streams, one per cache. */
export class CostTraces implements CostTraceSink {
  readonly caches: CostTrace[] = [];

  request(cache: number, t: number, key: number, size: number, costS: number, costJ: number): void {
    while (this.caches.length <= cache) this.caches.push(new CostTrace());
    this.caches[cache].request(t, key, size, costS, costJ);
  }
}

/** One cache's request stream. */
export class CostTrace {
  length = 0;
  private time = new Float64Array(1024);
  private key = new Int32Array(1024);
  private size = new Float64Array(1024);
  private costS = new Float64Array(1024);
  private costJ = new Float64Array(1024);

  request(t: number, key: number, size: number, costS: number, costJ: number): void {
    if (this.length === this.time.length) {
      const n = 2 * this.length;
      this.time = grown(this.time, n);
      this.key = grown(this.key, n);
      this.size = grown(this.size, n);
      this.costS = grown(this.costS, n);
      this.costJ = grown(this.costJ, n);
    }
    const i = this.length++;
    this.time[i] = t;
    this.key[i] = key;
    this.size[i] = size;
    this.costS[i] = costS;
    this.costJ[i] = costJ;
  }

  csv(): string {
    const lines = ['time,obj_id,obj_size,cost_s,cost_j'];
    for (let i = 0; i < this.length; i++) lines.push(`${this.time[i]},${this.key[i]},${this.size[i]},${this.costS[i]},${this.costJ[i]}`);
    return lines.join('\n') + '\n';
  }

  oracleGeneral(): Uint8Array {
    const n = this.length;
    const out = Buffer.alloc(24 * n);
    // Next access, by a backward pass: the 1-based index of the key's next request.
    const seen = new Map<number, number>();
    for (let i = n - 1; i >= 0; i--) {
      const at = 24 * i, k = this.key[i];
      if (this.size[i] > 0xffffffff) throw new InputError(`--export-cost-trace: object ${k} has ${this.size[i]} bytes, more than oracleGeneral's uint32 size holds; the CSV trace has it`);
      out.writeUInt32LE(Math.floor(this.time[i]), at);
      out.writeBigUInt64LE(BigInt(k), at + 4);
      out.writeUInt32LE(this.size[i], at + 12);
      out.writeBigInt64LE(BigInt(seen.get(k) ?? -1), at + 16);
      seen.set(k, i + 1);
    }
    return out;
  }
}
