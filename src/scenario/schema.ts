/**
 * The scenario format: one zod schema is the source of the TypeScript types (ScenarioInput as
 * written, Scenario with defaults filled in), of validation with key-path errors, and of the
 * published JSON Schema (`mcsim schema`). Units: seconds, bytes, Mbit/s, watts, nats.
 * Relative paths are relative to the scenario file's folder.
 */
import { z } from 'zod';
import { distSchema } from '../models/dist-schema.js';
import { energySchema } from '../models/energy.js';
import { gridSchema } from './grid.js';
import { transitionsSchema } from '../traces/scene-transitions.js';
import { strategies, strategyNames, type StrategyName } from '../strategies/registry.js';

const positive = z.number().positive();
const nonNegative = z.number().min(0);


const linkSchema = z
  .strictObject({
    mbps: positive.optional().describe('Constant bandwidth, Mbit/s'),
    trace: z.string().optional().describe('Bandwidth trace file (mahimahi, time/Mbps or 5Gophers CSV)'),
    format: z.enum(['mahimahi', 'mbps', '5gophers']).optional(),
    scale: positive.default(1).describe('Multiplies the trace bandwidth'),
    rtt: nonNegative.default(0).describe('Fixed delay added to every transfer, s'),
  })
  .refine((l) => (l.mbps === undefined) !== (l.trace === undefined), { message: 'give exactly one of mbps or trace' });

const answerLaw = z.strictObject({
  accuracy: z.number().min(0).max(1),
  entropyCorrect: distSchema,
  entropyWrong: distSchema,
});

const serverSchema = z.strictObject({
  workers: z.number().int().min(1).default(1),
  maxQueue: z.number().int().min(0).optional().describe('Waiting frames beyond which arrivals are dropped'),
  power: z
    .strictObject({ compute: nonNegative.describe('W while computing'), source: z.string().describe('Where the figure comes from (ASSUMPTION unless measured)') })
    .optional()
    .describe('Compute power, for compute energy charged as power x busy time'),
});

const modelRef = z.strictObject({
  outcome: z.string().describe('Model name in the outcome model'),
  cost: z.string().describe('Model name in the hardware table'),
});

/** One options block per strategy, named after it, every field defaulted. */
const strategyOptions = Object.fromEntries(
  strategyNames.map((name) => [name, (strategies[name].options as z.ZodObject).prefault({}).describe(strategies[name].description)]),
) as { [K in StrategyName]: z.ZodPrefault<(typeof strategies)[K]['options']> };

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().default('scenario'),
  description: z.string().optional(),
  seed: z.union([z.number().int(), z.string()]).default(1),
  replications: z.number().int().min(1).default(3),
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
    inputBytes: positive.describe('Bytes of one frame sent to the edge'),
    trace: z.string().optional().describe('Frame CSV (t,device,label,part,sample,bytes) instead of the generator'),
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
      tables: z.record(z.string(), z.string()).describe('Model name -> probability table (index,label,p0..)'),
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
      base: z.string().optional().describe('The model the partitions restrict (empirical) or filter (table); a smaller model than the full one (docs/metrics.md)'),
      groups: z.number().int().min(1).optional().describe('Contiguous class groups'),
      classes: z.array(z.array(z.number().int().min(0))).optional().describe('Explicit class sets'),
      mapping: z.string().optional().describe('CSV with columns fine_id, coarse_id: class -> partition (e.g. CIFAR-100 superclasses)'),
      bytes: positive.describe('Size of one partition, bytes'),
      cost: z.string().describe('Model name in the hardware table (device compute of one partition)'),
    })
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
    table: z.string(),
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
  edge: serverSchema.prefault({}),
  cloud: serverSchema.prefault({}),
  energy: energySchema.describe('Compute energy sources: MACs x energy per MAC for the steps listed, power x busy time for the rest'),
  network: z.strictObject({
    uplink: linkSchema,
    downlink: linkSchema,
    wan: linkSchema.optional().describe('Edge <-> cloud'),
    shared: z.boolean().default(false).describe('All devices share one wireless channel'),
    traceStart: z
      .enum(['zero', 'random'])
      .default('zero')
      .describe('Where each replication starts the bandwidth traces: at their beginning, or at a uniformly random point'),
    sharing: z.enum(['fifo', 'ps']).default('fifo'),
    resultBytes: nonNegative.default(64),
  }),
  strategies: z.array(z.enum(strategyNames)).min(1),
  compare: z
    .strictObject({ reference: z.enum(strategyNames).describe('Strategy the others are compared with, replication by replication') })
    .optional()
    .describe('Paired differences against a reference: <metric>_vs_ref with paired 95% bounds in the summary'),
  ...strategyOptions,
  sweep: z.strictObject({ grid: gridSchema }).optional().describe('Grid for mcsim sweep (ignored by mcsim run)'),
  output: z
    .strictObject({
      dir: z.string().default('reports/run'),
      perFrame: z.boolean().default(false),
    })
    .prefault({}),
}).refine((s) => s.warmupFrames < s.frames, {
  message: 'warmupFrames must be below frames (otherwise no frame is counted)',
  path: ['warmupFrames'],
}).refine((s) => !s.compare || s.strategies.includes(s.compare.reference), {
  message: 'compare.reference must be one of the scenario\'s strategies',
  path: ['compare', 'reference'],
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type LinkSpec = z.output<typeof linkSchema>;
