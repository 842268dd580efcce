/**
 * The world spec: the part of a scenario one run's world is built from (workload, outcome model,
 * partitions, models, hardware, device, servers, network, seed, frames and warm-up), without the
 * strategies' option blocks, report settings or sweep grid. The scenario schema (scenario/schema.ts)
 * adds those; World, the frame table and the simulate loop see only this, so nothing in a run depends
 * on which strategies exist. Units: seconds, bytes, Mbit/s, watts, nats.
 */
import { z } from 'zod';
import { distSchema } from '../models/dist-schema.js';
import { energySchema } from '../models/energy.js';
import { hardwareRowSchema, type HardwareTable } from '../models/hardware.js';
import type { OutcomeModel, PartitionClasses } from '../models/outcomes.js';
import type { Bandwidth } from '../sim/bandwidth.js';
import { transitionsSchema } from '../traces/scene-transitions.js';
import type { Timeline } from '../traces/timeline.js';
import type { Handovers } from './association.js';

const positive = z.number().positive();
const nonNegative = z.number().min(0);

/** The options of a link's bandwidth trace, passed to its reader (models/network-trace.ts). */
export const TRACE_OPTIONS = ['format', 'loop', 'bin', 'holds', 'column', 'carrier', 'run', 'interval'] as const;

const linkSchema = z
  .strictObject({
    // Bounds far past any link, so that bits per second stay finite numbers (1e308 Mbit/s overflows).
    mbps: positive.max(1e9).optional().describe('Constant bandwidth, Mbit/s (at most 1e9)'),
    trace: z.string().optional().describe('Bandwidth trace file (mahimahi, time/Mbps, CSV with a t column, or 5Gophers CSV; docs/data.md)'),
    format: z.enum(['mahimahi', 'mbps', 'csv', '5gophers']).optional().describe('Default: told from the first line'),
    scale: positive.max(1e6).default(1).describe('Multiplies the trace bandwidth (at most 1e6)'),
    loop: z.boolean().optional().describe('Repeat the trace with its period (default true); false: the last rate holds after the end'),
    bin: positive.optional().describe('mahimahi: seconds per rate step (default 1)'),
    holds: z.enum(['until', 'from']).optional().describe('mbps, csv: a sample\'s rate holds over (t[i-1], t[i]] (until, default for mbps, as Pensieve) or [t[i], t[i+1]) (from, default for csv)'),
    column: z.string().optional().describe('csv: the Mbit/s column to replay when there are several (e.g. up or down)'),
    carrier: z.string().optional().describe('5gophers: the carrier column (Sprint, TMobile, Verizon)'),
    run: z.number().int().min(0).optional().describe('5gophers 01-Throughput/data.csv: the run_num to replay'),
    interval: positive.optional().describe('5gophers: seconds between seq_num values (default 1, an ASSUMPTION)'),
    rtt: nonNegative.default(0).describe('Fixed delay added to every transfer, s'),
  })
  .refine((l) => (l.mbps === undefined) !== (l.trace === undefined), { message: 'give exactly one of mbps or trace' })
  .refine((l) => l.trace !== undefined || TRACE_OPTIONS.every((k) => l[k] === undefined), { message: `${TRACE_OPTIONS.join(', ')} apply to a trace, not to mbps` });

const answerLaw = z.strictObject({
  accuracy: z.number().min(0).max(1),
  entropyCorrect: distSchema,
  entropyWrong: distSchema,
});

/**
 * The most workers a server may have: state is allocated only for workers that are ever busy (see
 * sim/server.ts), but a count past this is a typo rather than a model (a million GPUs at one edge),
 * and the memory estimate (scenario/resources.ts) charges 32 bytes per worker that could be busy.
 */
export const MAX_WORKERS = 1_000_000;

const serverSchema = z.strictObject({
  workers: z.number().int().min(1).max(MAX_WORKERS).default(1).describe(`Identical workers (GPUs), at most ${MAX_WORKERS.toLocaleString('en-US')}`),
  maxQueue: z.number().int().min(0).optional().describe('Waiting frames beyond which arrivals are dropped'),
  power: z
    .strictObject({ compute: nonNegative.describe('W while computing'), source: z.string().describe('Where the figure comes from (ASSUMPTION unless measured)') })
    .optional()
    .describe('Compute power, for compute energy charged as power x busy time'),
  batching: z
    .strictObject({
      maxBatch: z.number().int().min(1).describe('Frames of one model in one batch at most'),
      maxWait: nonNegative.describe("Seconds a model's oldest waiting frame may be held for a fuller batch while a worker is free (0: greedy)"),
      perExtra: nonNegative.describe('Each frame beyond the first adds this fraction of the batch-1 compute time (the linear batch law, docs/edge-batching.md)'),
      source: z.string().describe('Where perExtra comes from (DERIVED from measured rows, or ASSUMPTION)'),
    })
    .optional()
    .describe('Dynamic batching per model (sim/batch-server.ts); absent: one frame at a time per worker'),
});

/** The edge tier: `count` identical servers, each serving its devices (world/association.ts). */
const edgeSchema = serverSchema.extend({
  count: z.number().int().min(1).max(10_000).default(1).describe('Edge servers, each as described here (at most 10,000); device d is served by edge d mod count unless association says otherwise'),
  association: z.string().optional().describe('CSV t,device,edge: from time t the device is served by that edge (handovers; world/association.ts)'),
});

const modelRef = z.strictObject({
  outcome: z.string().describe('Model name in the outcome model'),
  cost: z.string().describe('Model name in the hardware table'),
});

/** The fields of the world spec, in scenario-file order; the scenario schema spreads them into its own. */
export const worldFields = {
  seed: z.union([z.number().int(), z.string()]).default(1),
  frames: z.number().int().min(1).describe('Frames per device per replication'),
  warmupFrames: z.number().int().min(0).default(0).describe('Leading frames of each device left out of the metrics'),
  deadline: positive.optional().describe('Latency deadline, s (reports the miss rate)'),
  workload: z.strictObject({
    devices: z.number().int().min(1).default(1),
    arrivals: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('fixed'), fps: positive }),
      z.strictObject({ kind: z.literal('poisson'), fps: positive }),
    ]),
    scene: z.strictObject({
      meanRun: z.number().min(1).describe('Mean frames a scene (class) persists'),
      popularity: z
        .discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('uniform') }),
          z.strictObject({ kind: z.literal('zipf'), s: nonNegative }),
        ])
        .default({ kind: 'uniform' }),
      transitions: transitionsSchema,
    }),
    imageReuse: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Probability a frame shows the previous frame\'s test image when both are of one scene (a generated scene or a timeline interval), else a fresh one of the class: a per-frame score (correctness, confidence) of consecutive frames of a scene then correlates by this value given the class (k frames apart: its k-th power). Default: an independent image per frame (0); 1: one image per scene. Refused with a frame CSV (docs/metrics.md)'),
    inputBytes: positive.describe('Bytes of one frame sent to the edge (a frame CSV gives its own)'),
    trace: z.string().optional().describe('Frame CSV replayed instead of the generator: columns t, device, bytes and sample (outcome-table row) and/or label (a class: a test sample of it is drawn per frame and replication); any other column is refused unless in ignoreColumns (a per-frame log of one run replays as it is; docs/frames.md). arrivals, scene and inputBytes are then unused'),
    ignoreColumns: z.array(z.string()).optional().describe('Columns of the frame file not to read (without it an unknown column is an error)'),
    timeline: z
      .strictObject({
        path: z.string().describe('Timeline CSV (video,start_s,end_s,rank), e.g. data/video-labels/epic100_val_timelines.csv.gz'),
        classes: z.array(z.number().int().min(0)).optional().describe('Class of each category rank (default, and for ranks beyond the list: rank mod classes)'),
        background: z.number().int().min(0).optional().describe('Class of frames in gaps between intervals (default: gap frames are skipped)'),
      })
      .optional()
      .describe('Replay real scene timelines at the arrival rate instead of the generator (scene block then unused)'),
  }),
  outcomes: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('empirical'),
      tables: z.record(z.string(), z.string()).describe('Model name -> probability table (index,label,p0..); only the tables a scenario uses must be over the same test samples (docs/data.md)'),
      sumTolerance: z.number().min(0).lt(1).optional().describe('Largest |row sum - 1| accepted (default 1e-4; a softmax rounded to d decimals over C classes needs C x 0.5 x 10^-d)'),
      renormalize: z.boolean().optional().describe('Divide each row by its sum (for rounded exports); the largest correction is stated in the inputs'),
    }),
    z.strictObject({
      kind: z.literal('table'),
      path: z.string().describe('Per-sample outcome table (<m>_pred, <m>_correct, <m>_maxp or <m>_conf, optional <m>_margin, <m>_entropy)'),
      models: z.array(z.string()).min(1).describe('Models of the table to use, by their column prefix'),
      classes: z.number().int().min(2).optional().describe('Number of classes (default: largest label + 1)'),
    }),
    z.strictObject({
      kind: z.literal('parametric'),
      classes: z.number().int().min(2),
      samplesPerClass: z.number().int().min(1).default(1000),
      models: z.record(z.string(), answerLaw),
      inSpecialty: answerLaw,
      outOfSpecialty: z.strictObject({ falseAccept: z.number().min(0).max(1), entropy: distSchema }),
    }),
  ]),
  partitions: z
    .strictObject({
      base: z.string().optional().describe('The model the partitions restrict (empirical) or filter (table); a weaker model than the full one (docs/metrics.md; validate notes when it is not)'),
      groups: z.number().int().min(1).optional().describe('Number of partitions: contiguous class groups, or with derive the number of derived groups'),
      classes: z.array(z.array(z.number().int().min(0))).optional().describe('Explicit class sets'),
      mapping: z.string().optional().describe('CSV with columns fine_id, coarse_id: class -> partition (e.g. CIFAR-100 superclasses)'),
      derive: z
        .enum(['confusion'])
        .optional()
        .describe("confusion: `groups` groups of equal size built from the full model's (models.edge.outcome) confusion on a held-out half of each class's test samples; the run draws frames from the other half only (docs/metrics.md)"),
      bytes: positive.optional().describe('Size of one partition, bytes (or bytesFraction)'),
      bytesFraction: z.number().gt(0).max(1).optional().describe('Size of one partition as a fraction of the full model\'s fullBytes (DERIVED; or bytes)'),
      fullBytes: positive.optional().describe('Size of the full model, bytes, that bytesFraction scales (the data hold no model sizes: say where it comes from)'),
      cost: z.string().optional().describe('Model name in the hardware table (device compute of one partition; or costFraction)'),
      costFraction: z
        .number()
        .gt(0)
        .max(1)
        .optional()
        .describe("Compute of one partition as a fraction of the full model's row on the same hardware (models.device.cost on the device, models.edge.cost on the edge): DERIVED rows named 'partition', the latency distribution scaled (or cost)"),
    })
    .refine((p) => (p.cost === undefined) !== (p.costFraction === undefined), { message: 'give exactly one of cost or costFraction' })
    .refine((p) => (p.bytes === undefined) !== (p.bytesFraction === undefined), { message: 'give exactly one of bytes or bytesFraction' })
    .refine((p) => (p.bytesFraction === undefined) === (p.fullBytes === undefined), { message: 'bytesFraction scales fullBytes: give both or neither' })
    .refine((p) => p.derive === undefined || (p.groups !== undefined && p.classes === undefined && p.mapping === undefined), { message: 'derive builds `groups` groups: give groups, and neither classes nor mapping' })
    .optional()
    .describe('Specialized partitions (cachenet only)'),
  models: z.strictObject({
    device: modelRef,
    edge: modelRef,
    cloud: modelRef.optional(),
    encoder: z
      .strictObject({
        outcome: z.string().optional().describe("Model whose predicted class picks the partition (default: models.edge.outcome); 'oracle' reads the label: an upper bound only"),
        cost: z.string().describe('Model name in the hardware table (edge compute of the encoder)'),
      })
      .optional()
      .describe('Edge encoder that picks the partition (cachenet only)'),
  }),
  hardware: z.strictObject({
    table: z
      .union([z.string(), z.array(z.string()).min(1)])
      .describe('Hardware cost table (JSON, docs/data.md), or several: a later table adds rows or replaces the row of the same (hardware, model), with a message for each'),
    rows: z.array(hardwareRowSchema).optional().describe('Rows added after the tables, in the same format (a replaced row gets a message)'),
    device: z.string(),
    edge: z.string(),
    cloud: z.string().optional(),
  }),
  device: z.strictObject({
    cache: z
      .strictObject({ slots: z.number().int().min(0).optional(), bytes: nonNegative.optional() })
      .refine((c) => (c.slots === undefined) !== (c.bytes === undefined), { message: 'give exactly one of slots or bytes' }),
    maxQueue: z.number().int().min(0).optional(),
    power: z.strictObject({
      idle: nonNegative,
      compute: nonNegative,
      transmit: nonNegative,
      receive: nonNegative,
      source: z.string().describe('Where the power figures come from'),
    }),
  }),
  edge: edgeSchema.prefault({}),
  cloud: serverSchema.prefault({}),
  energy: energySchema.describe('Compute energy sources: MACs x energy per MAC for the steps listed, power x busy time for the rest'),
  network: z.strictObject({
    uplink: linkSchema,
    downlink: linkSchema,
    wan: linkSchema.optional().describe('Edge <-> cloud'),
    lan: linkSchema.optional().describe('Between edge servers, one link shared by all (a model fetched from a neighbouring edge crosses it)'),
    shared: z.boolean().default(false).describe('All devices share one wireless channel'),
    traceStart: z
      .enum(['zero', 'random'])
      .default('zero')
      .describe('Where each replication starts the bandwidth traces: at their beginning, or at a uniformly random point'),
    sharing: z.enum(['fifo', 'ps']).default('fifo'),
    resultBytes: nonNegative.default(64),
  }),
};

export const worldSpecSchema = z.strictObject(worldFields);
export type WorldSpec = z.output<typeof worldSpecSchema>;
export type LinkSpec = z.output<typeof linkSchema>;

/** What `prepare` (scenario/prepare.ts) reads and derives for a world: shared by all runs of a scenario. */
export interface PreparedWorld {
  scenario: WorldSpec;
  /** Folder relative paths resolve against. */
  baseDir: string;
  hardware: HardwareTable;
  outcomes: OutcomeModel;
  /** Empty when the scenario has no partitions block. */
  partitions: PartitionClasses;
  /** Class -> partition (-1 without partitions). */
  partOf: Int32Array;
  /** One partition's hardware-table model (partitions.cost, or the DERIVED row 'partition') and its size in bytes; null without partitions. */
  partition: { cost: string; bytes: number } | null;
  bandwidth: { uplink: Bandwidth; downlink: Bandwidth; wan: Bandwidth | null; lan: Bandwidth | null };
  /** Each device's handovers between edges (edge.association); null: static, device d at edge d mod edge.count. */
  handovers: Handovers[] | null;
  /** True label of each outcome-table sample: read only by the scorer (and named oracles). */
  truth: Int32Array;
  /** The edge encoder's partition hint for each sample (null without partitions or encoder). */
  hintOf: Int32Array | null;
  /** Rows per device when the workload is a frame CSV. */
  frameRows: Float64Array[] | null;
  /** Scene timelines when the workload replays them. */
  timelines: Timeline[] | null;
}
