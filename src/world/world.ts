/**
 * The world of one simulation run (one strategy, one replication): the engine, every device with its
 * compute queue, the wireless links, the edge server and the optional cloud behind a WAN link, the
 * compute-cost samplers and the random streams. Strategies act on it; it knows no strategy.
 *
 * Random streams are named (`<seed>/<replication>/<name>`), so every strategy in a replication sees
 * the same frames and the same compute draws for the same model on the same hardware (common random
 * numbers): differences between strategies are the strategies'.
 */
import type { Bandwidth } from '../sim/bandwidth.js';
import { Engine } from '../sim/engine.js';
import { sampler } from '../sim/dist.js';
import { Link } from '../sim/link.js';
import { Rng } from '../sim/rng.js';
import { Server } from '../sim/server.js';
import { BatchServer } from '../sim/batch-server.js';
import type { MetricRow, Recorder } from './recorder.js';
import { FrameTable, Where, type WhereCode } from './frames.js';
import type { FutureIndex } from '../traces/future.js';
import type { CostTraceSink } from './cost-trace.js';
import type { PreparedWorld, WorldSpec } from './world-spec.js';
import { stepEnergy, type StepEnergy } from '../models/energy.js';
import type { OutcomeModel } from '../models/outcomes.js';
import { InputError } from '../errors.js';
import { Association } from './association.js';

export type Tier = 'device' | 'edge' | 'cloud';

export class World {
  readonly engine = new Engine();
  readonly frames = new FrameTable();
  readonly scenario: WorldSpec;
  readonly outcomes: OutcomeModel;
  /** Each device's compute queue. */
  readonly devices: Server[];
  /** The edge servers (edge.count); a device's frames go to the one it is associated with (edgeOf). */
  readonly edges: Array<Server | BatchServer>;
  /** The first edge server: the edge, when there is one. */
  readonly edge: Server | BatchServer;
  readonly cloud: Server | BatchServer | null;
  readonly wanUp: Link | null;
  readonly wanDown: Link | null;
  /** The link between edge servers (network.lan), if any. */
  readonly lan: Link | null;
  private readonly association: Association;
  private readonly uplinks: Link[];
  private readonly downlinks: Link[];
  private readonly outcomeRng: Rng;
  private readonly costs = new Map<string, () => number>();
  private readonly energies = new Map<string, StepEnergy>();
  /** When time-based statistics started: 0, or the end of the warm-up (resetStats). */
  statsFrom = 0;
  /** Whether the warm-up is over (time-based counts, e.g. probe bytes, count from then on). */
  counting: boolean;
  /** Frame sources that may still deliver frames (maintained by the runner). */
  openSources = 0;
  /** Seconds of counted time the devices spent in steps whose energy figure excludes idle (idleThrough). */
  private idleThroughSeconds = 0;
  private sceneStarts = 0;
  private sceneStartsOnDevice = 0;
  /** Per device, the future of its partition-hint stream; set by the runner for oracle policies. */
  futures: FutureIndex[] | null = null;
  /** Where a strategy writes the requests it makes of a cache, with their miss costs (--export-cost-trace); set by the runner. */
  costTrace: CostTraceSink | null = null;

  constructor(
    readonly prepared: PreparedWorld,
    readonly replication: number,
    private readonly recorder: Recorder,
  ) {
    const s = (this.scenario = prepared.scenario);
    this.counting = s.warmupFrames === 0;
    this.outcomes = prepared.outcomes;
    this.outcomeRng = this.rng('outcomes');
    const e = this.engine;
    const n = s.workload.devices;
    this.devices = Array.from({ length: n }, () => new Server(e, { maxQueue: s.device.maxQueue }));
    // With traceStart 'random', each trace starts at a point drawn per replication (its own stream).
    const start = (bw: Bandwidth, name: string) =>
      s.network.traceStart === 'random' && bw.period !== Infinity ? bw.startingAt(this.rng(`network/${name}`).uniform() * bw.period) : bw;
    const link = (bw: Bandwidth, rtt: number) => new Link(e, { bandwidth: bw, rtt, sharing: s.network.sharing });
    const wireless = (bw: Bandwidth, rtt: number) => {
      if (s.network.shared) {
        const one = link(bw, rtt);
        return Array.from({ length: n }, () => one);
      }
      return Array.from({ length: n }, () => link(bw, rtt));
    };
    this.uplinks = wireless(start(prepared.bandwidth.uplink, 'uplink'), s.network.uplink.rtt);
    this.downlinks = wireless(start(prepared.bandwidth.downlink, 'downlink'), s.network.downlink.rtt);
    const server = (o: WorldSpec['cloud']) => (o.batching ? new BatchServer(e, { workers: o.workers, maxQueue: o.maxQueue, batching: o.batching }) : new Server(e, { workers: o.workers, maxQueue: o.maxQueue }));
    this.edges = Array.from({ length: s.edge.count }, () => server(s.edge));
    this.edge = this.edges[0];
    this.association = new Association(s.edge.count, prepared.handovers, n);
    const lan = prepared.bandwidth.lan && start(prepared.bandwidth.lan, 'lan');
    this.lan = lan ? link(lan, s.network.lan!.rtt) : null;
    const wan = prepared.bandwidth.wan && start(prepared.bandwidth.wan, 'wan');
    this.cloud = wan ? server(s.cloud) : null;
    this.wanUp = wan ? link(wan, s.network.wan!.rtt) : null;
    this.wanDown = wan ? link(wan, s.network.wan!.rtt) : null;
  }

  /** The edge server index serving `device` now (world/association.ts). */
  edgeOf(device: number): number {
    return this.association.edgeOf(device, this.engine.now);
  }

  uplink(device: number): Link {
    return this.uplinks[device];
  }

  downlink(device: number): Link {
    return this.downlinks[device];
  }

  /** The stream `<seed>/<replication>/<name>`. */
  rng(name: string): Rng {
    return Rng.stream(this.scenario.seed, this.replication, name);
  }

  /**
   * Draws compute times (s) of hardware-table model `model` on the tier's hardware. One stream per
   * (tier, model): callers asking twice share it, so two steps running the same model never repeat
   * each other's draws.
   */
  cost(tier: Tier, model: string): () => number {
    const key = `${tier}/${model}`;
    let draw = this.costs.get(key);
    if (!draw) {
      const hw = this.scenario.hardware[tier];
      if (hw === undefined) throw new InputError(`hardware.${tier} is not set but a strategy computes on the ${tier}`);
      const sample = sampler(this.prepared.hardware.get(hw, model).latency);
      const rng = this.rng(`compute/${key}`);
      draw = () => sample(rng);
      this.costs.set(key, draw);
    }
    return draw;
  }

  /**
   * Energy (J) of one compute step of hardware-table model `model` (or, without a model, of any work
   * of the tier, e.g. a layer range) taking `seconds` on the tier: its one declared source, see
   * models/energy.ts.
   */
  energy(tier: Tier, model?: string): StepEnergy {
    const key = `${tier}/${model ?? ''}`;
    let e = this.energies.get(key);
    if (!e) {
      const s = this.scenario;
      const inputs = {
        energy: s.energy,
        hardware: s.hardware,
        power: { device: s.device.power.compute, edge: s.edge.power?.compute, cloud: s.cloud.power?.compute },
      };
      e = stepEnergy(inputs, this.prepared.hardware, tier, model);
      this.energies.set(key, e);
    }
    return e;
  }

  /** Runs outcome-model `model` on the frame in `slot`: stores its answer (the class), returns the entropy. */
  answer(slot: number, model: number): number {
    const c = this.frames;
    c.answer[slot] = this.outcomes.answer(model, c.sample[slot], this.outcomeRng);
    return this.outcomes.entropy();
  }

  /**
   * The true label of the frame in `slot`. Not for decisions: only for a named oracle (an upper
   * bound), a metric scored against the truth, or a model of nature (what a degraded model answers).
   * test/project/conventions.test.ts lists the files allowed to call it.
   */
  trueLabel(slot: number): number {
    return this.prepared.truth[this.frames.sample[slot]];
  }

  /** Device radio energy caused by the `seq`-th frame of a device but spent after its answer (counted past the warm-up). */
  chargeRadio(joules: number, seq: number): void {
    this.recorder.addRadio(joules, seq);
  }

  /** The frame is answered (or dropped): record it and free its slot. */
  complete(slot: number, where: WhereCode): void {
    if (this.frames.sceneStart[slot] === 1 && this.counted(slot)) {
      this.sceneStarts++;
      if (where === Where.device) this.sceneStartsOnDevice++;
    }
    this.recorder.record(this.frames, slot, where, this.engine.now);
    this.frames.release(slot);
  }

  /**
   * Fraction of counted scene-start frames answered on the device: the prefetch hit rate (a scene
   * start is the scorer's notion, from the true label; a strategy reads only this aggregate, for its report).
   */
  sceneStartDeviceRate(): number {
    return this.sceneStarts > 0 ? this.sceneStartsOnDevice / this.sceneStarts : NaN;
  }

  /** Frames recorded so far (warm-up excluded). */
  get recordedFrames(): number {
    return this.recorder.count;
  }

  /** Whether the frame in `slot` counts in the metrics (it is past its device's warm-up). */
  counted(slot: number): boolean {
    return this.frames.seq[slot] >= this.scenario.warmupFrames;
  }

  /** `total` per recorded frame (NaN before any): a strategy's per-frame metric at the end of a run. */
  perFrame(total: number): number {
    return this.recorder.count > 0 ? total / this.recorder.count : NaN;
  }

  /**
   * A device step of `seconds` ending now was charged a figure without idle (MACs: the arithmetic
   * alone): the device drew idle power through it, counted from the start of statistics.
   */
  idleThrough(seconds: number): void {
    this.idleThroughSeconds += Math.max(0, Math.min(seconds, this.engine.now - this.statsFrom));
  }

  /**
   * Idle energy of all devices (J) since statistics started: idle power whenever a device is not
   * computing, and through its steps charged by MACs (models/energy.ts states the rule). Radio power
   * is taken to come on top of it, as radio figures usually are measured as increments over idle.
   */
  idleEnergy(): number {
    const now = this.engine.now, span = now - this.statsFrom;
    const idleW = this.scenario.device.power.idle;
    const notComputing = this.devices.reduce((joules, d) => joules + idleW * span * (1 - d.busy.mean(now)), 0);
    return notComputing + idleW * this.idleThroughSeconds;
  }

  /** Starts time-based statistics (utilizations, idle energy) afresh: the warm-up is over. */
  resetStats(): void {
    this.statsFrom = this.engine.now;
    this.counting = true;
    this.idleThroughSeconds = 0;
    const servers = [...this.devices, ...this.edges, ...(this.cloud ? [this.cloud] : [])];
    for (const s of servers) s.resetStats();
    const links = new Set([...this.uplinks, ...this.downlinks, ...(this.wanUp ? [this.wanUp, this.wanDown!] : []), ...(this.lan ? [this.lan] : [])]);
    for (const l of links) l.resetStats();
  }

  /** Utilization and drop figures of the shared resources. */
  resourceMetrics(): MetricRow {
    const now = this.engine.now;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const util = (s: Server | BatchServer) => s.busy.mean(now) / s.workers;
    const row: MetricRow = {
      device_utilization: mean(this.devices.map(util)),
      edge_utilization: mean(this.edges.map(util)),
      uplink_utilization: mean([...new Set(this.uplinks)].map((l) => l.busy.mean(now))),
      downlink_utilization: mean([...new Set(this.downlinks)].map((l) => l.busy.mean(now))),
      sim_seconds: now,
    };
    if (this.cloud) row.cloud_utilization = util(this.cloud);
    // Only where batches ran: a strategy that never used the tier has no mean batch.
    const batches = this.edges.flatMap((x) => (x instanceof BatchServer ? [x.batchSizes] : []));
    const edgeBatches = batches.reduce((n, b) => n + b.count, 0);
    // One server's mean as it is (mean x count / count can differ in the last bit).
    if (edgeBatches > 0) row.edge_batch_mean = batches.length === 1 ? batches[0].mean : batches.reduce((sum, b) => sum + b.mean * b.count, 0) / edgeBatches;
    if (this.cloud instanceof BatchServer && this.cloud.batchSizes.count > 0) row.cloud_batch_mean = this.cloud.batchSizes.mean;
    return row;
  }
}
