/**
 * Inference on a server: upload over the device's wireless uplink (and the WAN, for the cloud),
 * queue and compute on the server, download the result the same way back. The strategy supplies
 * the server's compute time and, once served, what the server answers (`served(slot)` sets the
 * frame's correctness and returns the result bytes); `answered(slot)` runs when the result is on
 * the device. Bytes and radio energy are the device's: wireless hops only, radio power over the
 * transfer's airtime (its own transmission, not the wait behind other transfers nor the fixed delay;
 * see Link). The server's compute energy (the caller's figure, from world.energy) is charged to the
 * frame's edge or cloud column when the server has computed.
 */
import { z } from 'zod';
import type { HandlerId } from '../sim/engine.js';
import type { Link } from '../sim/link.js';
import type { Server } from '../sim/server.js';
import { BatchServer } from '../sim/batch-server.js';
import type { World } from '../world/world.js';
import { Part, Where } from '../world/frames.js';
import { InputError } from '../errors.js';
import { SlotColumn } from './slot-column.js';

export interface RemoteOptions {
  tier: 'edge' | 'cloud';
  /**
   * Where the frame starts: on the device (default: it crosses the wireless uplink), or already at an
   * edge, which forwards it: over the WAN to the cloud (tier cloud), or over the LAN to the edge server
   * send() names (tier edge, several edges: network.lan); the answer comes back the same way and ends
   * on the device.
   */
  from?: 'device' | 'edge';
  /**
   * Called when the frame has reached the server's site (`server`: which edge server, world.edges; 0
   * for the cloud): true submits it now; false means the caller holds it and later calls serve() (a
   * model still loading) or hands it to another Remote.
   */
  gate?: (slot: number, server: number) => boolean;
  /** At the server, after compute: set the answer, return the bytes of the result. */
  served: (slot: number) => number;
  /** The result has reached the device. */
  answered: (slot: number) => void;
}

type Hop = (device: number) => Link;

/** Strategy option: the model a server runs, by outcome-model and hardware-table name, and its tier. */
export const serverModel = z.strictObject({
  outcome: z.string().describe('Outcome-model name'),
  cost: z.string().describe('Hardware-table model on the server'),
  tier: z.enum(['edge', 'cloud']).default('edge'),
});

export class Remote {
  /** The cloud, or every edge server: a frame goes to the one its device is associated with (World.edgeOf). */
  private readonly servers: Array<Server | BatchServer>;
  private readonly upHops: Hop[];
  private readonly downHops: Hop[];
  private readonly upDone: HandlerId[];
  private readonly downDone: HandlerId[];
  /** Per server, its compute-done handler (a batching server's share is its own). */
  private readonly computed: HandlerId[];
  private readonly wirelessUp: boolean;
  /** Per frame in flight, the edge server send() named (frames forwarded between edges). */
  private readonly target = new SlotColumn();
  private readonly toNeighbour: boolean;

  constructor(
    private readonly world: World,
    o: RemoteOptions,
  ) {
    const cloud = o.tier === 'cloud';
    if (cloud && (!world.cloud || !world.wanUp || !world.wanDown)) {
      throw new InputError('a strategy offloads to the cloud, but the scenario has no network.wan');
    }
    const fromEdge = o.from === 'edge';
    // A frame one edge forwards to another edge server, named by send().
    const toNeighbour = (this.toNeighbour = fromEdge && !cloud);
    if (toNeighbour && !world.lan) throw new InputError('a strategy forwards frames between edges, but the scenario has no network.lan');
    this.servers = cloud ? [world.cloud!] : world.edges;
    const up: Hop = (d) => world.uplink(d), down: Hop = (d) => world.downlink(d);
    const wan: Hop = () => world.wanUp!, lan: Hop = () => world.lan!;
    this.upHops = fromEdge ? [cloud ? wan : lan] : cloud ? [up, wan] : [up];
    this.wirelessUp = !fromEdge;
    const gate = o.gate;
    // One server (the cloud, or a single edge): no association to look up on the hot path.
    const routed = this.servers.length > 1;
    this.downHops = cloud ? [() => world.wanDown!, down] : toNeighbour ? [lan, down] : [down];
    const e = world.engine;
    const c = world.frames;
    const power = world.scenario.device.power;
    this.upDone = this.upHops.map((hop, i) =>
      e.on((slot) => {
        c.lap(slot, Part.upload, e.now);
        if (i === 0 && this.wirelessUp) c.radioJ[slot] += power.transmit * hop(c.device[slot]).deliveredAirtime;
        if (i + 1 < this.upHops.length) return this.hop(this.upHops, this.upDone, i + 1, slot);
        const server = toNeighbour ? this.target.get(slot) : routed ? world.edgeOf(c.device[slot]) : 0;
        if (!gate || gate(slot, server)) this.submit(slot, server);
      }),
    );
    // A batching server charges each frame its share of the batch's compute energy, and its batch's
    // run time as its compute time (sim/batch-server.ts).
    this.computed = this.servers.map((server) => {
      const batching = server instanceof BatchServer ? server : null;
      return e.on((slot) => {
        // The column is looked up at each use: the frame table replaces its arrays when it grows.
        const serverJ = cloud ? c.cloudJ : c.edgeJ;
        if (batching) {
          serverJ[slot] += c.stepEnergy[slot] * batching.share;
          c.service[slot] = batching.batchSeconds;
        } else serverJ[slot] += c.stepEnergy[slot];
        c.lapService(slot, Part.serverQueue, Part.serverCompute, e.now);
        c.transfer[slot] = o.served(slot);
        this.hop(this.downHops, this.downDone, 0, slot);
      });
    });
    const last = this.downHops.length - 1;
    this.downDone = this.downHops.map((hop, i) =>
      e.on((slot) => {
        c.lap(slot, Part.download, e.now);
        if (i < last) return this.hop(this.downHops, this.downDone, i + 1, slot);
        c.radioJ[slot] += power.receive * hop(c.device[slot]).deliveredAirtime;
        o.answered(slot);
      }),
    );
  }

  /**
   * Uploads `bytes` for the frame; the server will compute for `service` seconds, costing `energyJ`.
   * `server`: the edge server a frame forwarded between edges goes to (from: 'edge', tier edge).
   */
  send(slot: number, bytes: number, service: number, energyJ: number, server = 0): void {
    const c = this.world.frames;
    if (this.toNeighbour) this.target.set(slot, server);
    c.service[slot] = service;
    c.stepEnergy[slot] = energyJ;
    c.transfer[slot] = bytes;
    c.stamp[slot] = this.world.engine.now;
    this.hop(this.upHops, this.upDone, 0, slot);
  }

  /**
   * Computes the frame, already at the site of server `server` (the gate's), for `service` seconds
   * costing `energyJ` (a frame the gate held, or one another Remote brought), then sends the answer down.
   */
  serve(slot: number, server: number, service: number, energyJ: number): void {
    const c = this.world.frames;
    c.service[slot] = service;
    c.stepEnergy[slot] = energyJ;
    this.submit(slot, server);
  }

  private submit(slot: number, server: number): void {
    if (!this.servers[server].submit(slot, this.world.frames.service[slot], this.computed[server])) this.world.complete(slot, Where.dropped);
  }

  private hop(hops: Hop[], done: HandlerId[], i: number, slot: number): void {
    const c = this.world.frames;
    const bytes = c.transfer[slot];
    const wireless = hops === this.upHops ? i === 0 && this.wirelessUp : i === hops.length - 1;
    if (wireless) {
      if (hops === this.upHops) c.bytesUp[slot] += bytes;
      else c.bytesDown[slot] += bytes;
    }
    hops[i](c.device[slot]).send(bytes, done[i], slot, c.device[slot]);
  }
}

/** Every frame uploaded and answered by the tier's full model (edge-only, cloud-only). */
export function offloadEverything(world: World, tier: 'edge' | 'cloud'): { arrive(slot: number): void } {
  const model = world.scenario.models[tier];
  if (!model) throw new InputError(`models.${tier} is not set but the strategy runs the ${tier} model`);
  const m = world.outcomes.modelIndex(model.outcome);
  const cost = world.cost(tier, model.cost);
  const energy = world.energy(tier, model.cost);
  const resultBytes = world.scenario.network.resultBytes;
  const remote = new Remote(world, {
    tier,
    served: (slot) => (world.answer(slot, m), resultBytes),
    answered: (slot) => world.complete(slot, tier === 'edge' ? Where.edge : Where.cloud),
  });
  return {
    arrive(slot) {
      const t = cost();
      remote.send(slot, world.frames.bytes[slot], t, energy(t));
    },
  };
}
