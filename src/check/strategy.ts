/**
 * The contract of an offloading strategy (strategies/strategy.ts), checked on runs of one world (the
 * caller's, or the bundled check world, check/world.ts):
 * - every frame past the warm-up is answered or dropped exactly once (one per-frame line each), and
 *   the where-answered shares agree with those lines;
 * - the latency parts of each answered frame add up to its latency, and the run's means are the
 *   lines' means; correct is 0 or 1 and accuracy the answered frames' share of correct ones;
 * - energy terms are non-negative and add up (total = compute + radio + idle; the frames' own energy
 *   is at most the run's, which adds energy charged after an answer); bytes add up;
 * - the same world and seed give byte-identical per-frame lines and metrics;
 * - no label read: relabelling the samples the scorer compares answers with (a cyclic shift of the
 *   classes) changes only what is scored against the truth (the catalogue's scoredAgainstTruth metrics,
 *   the label and correct columns), never a decision,
 *   a latency, a byte or a joule. A strategy that decides from world.trueLabel fails it. It relabels
 *   the given world, after prepare; relabelling the tables before prepare (what also catches a leak
 *   in the world's derived inputs, e.g. encoder hints) is test/scenario/label-permutation.test.ts.
 * The runs are made once; each property reads them.
 */
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { PARTS } from '../world/frames.js';
import { FRAME_COLUMNS, TRUTH_COLUMNS, type FrameSink, type MetricRow } from '../world/recorder.js';
import { metricCatalogue, scoredAgainstTruth, type MetricSpec } from '../world/metrics.js';
import { simulateRun, simulateStrategy, type RunInput, type RunOutput, type StrategyRun } from '../run/simulate.js';
import type { StrategyName } from '../strategies/registry.js';
import type { PreparedWorld } from '../world/world-spec.js';
import { formatIssues } from '../scenario/load.js';
import { builtinRegistries } from '../scenario/registries.js';
import type { StrategyEntry } from '../strategies/strategy.js';
import { checkOnce, Violation, type CheckOptions, type CheckProperty, type CheckReport } from './report.js';
import { checkWorld } from './world.js';

export interface StrategyCheckOptions extends CheckOptions {
  /** The world to run in. @defaultValue checkWorld(): the bundled all-strategies scenario, shortened */
  world?: PreparedWorld;
  /** The strategy's option block, validated by its schema. @defaultValue {} (the schema's defaults) */
  options?: unknown;
}

type Frame = Record<string, string>;

interface Run {
  metrics: MetricRow;
  lines: string[];
  frames: Frame[];
}

const FRAME_ENERGY = ['device_compute_j', 'device_radio_j', 'edge_compute_j', 'cloud_compute_j'];

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const near = (a: number, b: number, eps = 1e-9) => Math.abs(a - b) <= eps * Math.max(1, Math.abs(b));

function runOnce(world: PreparedWorld, run: StrategyRun): Run {
  return recordedRun((sink) => simulateStrategy(world, run, 0, sink));
}

/** A run's metrics and per-frame lines, split into cells. */
function recordedRun(simulate: (sink: FrameSink) => RunOutput): Run {
  const lines: string[] = [];
  const { metrics } = simulate({ write: (l) => void lines.push(l) });
  const frames = lines.map((l) => {
    const cells = l.trimEnd().split(',');
    if (cells.length !== FRAME_COLUMNS.length) throw new Violation(`a per-frame line has ${cells.length} cells, expected ${FRAME_COLUMNS.length}: ${l.trimEnd()}`);
    return Object.fromEntries(FRAME_COLUMNS.map((c, i) => [c, cells[i]]));
  });
  return { metrics, lines, frames };
}

function answeredOnce(world: PreparedWorld, { metrics: m, frames }: Run): void {
  const s = world.scenario, expected = s.workload.devices * (s.frames - s.warmupFrames);
  const seen = new Map<string, Frame[]>();
  for (const f of frames) seen.set(`${f.device}/${f.seq}`, [...(seen.get(`${f.device}/${f.seq}`) ?? []), f]);
  for (const twice of seen.values()) {
    if (twice.length > 1) {
      const how = twice.map((f) => (f.where === 'dropped' ? 'dropped' : `answered on the ${f.where}`)).join(', then ');
      // A second complete() frees the slot twice, so later frames can share it: the lines may be more than two.
      throw new Violation(`${frameName(twice[0])} was completed more than once (${twice.length} per-frame lines: ${how}); world.complete() must be called exactly once per frame`);
    }
  }
  for (const f of frames) {
    if (Number(f.seq) < s.warmupFrames || Number(f.seq) >= s.frames) throw new Violation(`${frameName(f)} is outside the counted frames ${s.warmupFrames}..${s.frames - 1}`);
  }
  if (frames.length !== expected) {
    const missing: string[] = [];
    for (let d = 0; d < s.workload.devices && missing.length < 5; d++) for (let q = s.warmupFrames; q < s.frames && missing.length < 5; q++) if (!seen.has(`${d}/${q}`)) missing.push(`frame ${q} of device ${d}`);
    throw new Violation(`${expected} frames arrived past the warm-up (${s.workload.devices} devices x ${s.frames - s.warmupFrames}), ${frames.length} were answered or dropped; never completed: ${missing.join(', ')}${missing.length === 5 ? ', ...' : ''}`);
  }
  if (m.frames !== expected) throw new Violation(`the metrics count ${m.frames} frames, the per-frame lines ${expected}`);
  for (const where of ['device', 'edge', 'cloud', 'dropped']) {
    const share = frames.filter((f) => f.where === where).length / expected, metric = where === 'dropped' ? 'drop_rate' : `answered_${where}`;
    if (!near(m[metric], share)) throw new Violation(`${metric} is ${m[metric]} but ${share} of the per-frame lines say ${where}`);
  }
}

function latencyAddsUp({ metrics: m, frames }: Run): void {
  const answered = frames.filter((f) => f.where !== 'dropped');
  for (const f of answered) {
    const parts = PARTS.map((p) => Number(f[p]));
    parts.forEach((t, k) => {
      if (!(t >= 0)) throw new Violation(`${frameName(f)}: latency part ${PARTS[k]} is ${t} s (expected >= 0)`);
    });
    if (!near(sum(parts), Number(f.latency))) {
      throw new Violation(`${frameName(f)}, answered on the ${f.where}: latency ${f.latency} s, but its parts add up to ${sum(parts)} s (${PARTS.map((p, k) => `${p} ${parts[k]}`).join(', ')}); every step must be lapped into one part`);
    }
    if (f.correct !== '0' && f.correct !== '1') throw new Violation(`${frameName(f)}: correct is ${f.correct} (expected 0 or 1)`);
  }
  for (const f of frames) if (f.where === 'dropped' && f.latency !== '') throw new Violation(`${frameName(f)} was dropped but has latency ${f.latency}`);
  if (answered.length === 0) return;
  const mean = (xs: number[]) => sum(xs) / answered.length;
  if (!near(m.latency_mean, mean(answered.map((f) => Number(f.latency))))) throw new Violation(`latency_mean ${m.latency_mean} is not the mean of the answered frames' latencies`);
  for (const p of PARTS) if (!near(m[`t_${p}`], mean(answered.map((f) => Number(f[p]))))) throw new Violation(`t_${p} ${m[`t_${p}`]} is not the mean of the answered frames' ${p}`);
  const right = answered.filter((f) => f.correct === '1').length / answered.length;
  if (!(m.accuracy >= 0 && m.accuracy <= 1) || !near(m.accuracy, right)) throw new Violation(`accuracy ${m.accuracy}, but ${right} of the answered frames are correct`);
}

/** The energy columns of a run (J per frame): finite, non-negative, device total = compute + radio + idle, system total = device total + edge + cloud. */
export function energyColumnsAddUp(m: MetricRow): void {
  const [compute, radio, idle, edge, cloud] = ['device_compute', 'device_radio', 'device_idle', 'edge_compute', 'cloud_compute'].map((k) => m[`energy_${k}_j_per_frame`]);
  for (const [part, x] of Object.entries({ compute, radio, idle, edge, cloud })) if (!(Number.isFinite(x) && x >= 0)) throw new Violation(`energy per frame, ${part}: ${x} (expected finite, >= 0)`);
  if (!near(m.energy_device_total_j_per_frame, compute + radio + idle, 1e-12)) throw new Violation(`device energy ${m.energy_device_total_j_per_frame} J/frame != compute ${compute} + radio ${radio} + idle ${idle}`);
  if (!near(m.energy_system_total_j_per_frame, compute + radio + idle + edge + cloud, 1e-12)) throw new Violation(`system energy ${m.energy_system_total_j_per_frame} J/frame != device + edge ${edge} + cloud ${cloud}`);
}

function energyAddsUp({ metrics: m, frames }: Run): void {
  for (const f of frames) {
    for (const c of [...FRAME_ENERGY, 'bytes_up', 'bytes_down']) if (!(Number(f[c]) >= 0)) throw new Violation(`${frameName(f)}: ${c} is ${f[c]} (expected >= 0)`);
  }
  energyColumnsAddUp(m);
  const idle = m.energy_device_idle_j_per_frame;
  // Energy charged after an answer (a background push) is in the run's figure, not in a frame's line.
  const own = sum(frames.map((f) => sum(FRAME_ENERGY.map((c) => Number(f[c]))))), run = (m.energy_system_total_j_per_frame - idle) * m.frames;
  if (own > run * (1 + 1e-9)) throw new Violation(`the frames' own energy adds up to ${own} J, more than the run's ${run} J (idle excluded)`);
  for (const dir of ['up', 'down']) {
    const lines = sum(frames.map((f) => Number(f[`bytes_${dir}`])));
    if (!near(m[`bytes_${dir}_per_frame`] * m.frames, lines)) throw new Violation(`bytes_${dir}_per_frame x frames = ${m[`bytes_${dir}_per_frame`] * m.frames}, the per-frame lines add up to ${lines}`);
  }
}

/** A cell for a message: numbers to 6 significant digits. */
const cell = (x: string) => (x !== '' && Number.isFinite(Number(x)) && !Number.isInteger(Number(x)) ? String(Number(Number(x).toPrecision(6))) : x);
const frameName = (f: Frame) => `frame ${f.seq} of device ${f.device} (arrived at ${cell(f.t)} s)`;

/** The first difference between two runs' lines and metrics, in words (undefined: none). */
function difference(a: Run, b: Run, keepColumn: (c: string) => boolean, keepMetric: (k: string) => boolean): string | undefined {
  const n = Math.max(a.frames.length, b.frames.length);
  for (let i = 0; i < n; i++) {
    const x = a.frames[i], y = b.frames[i];
    if (!x || !y) return `the first run completed ${a.frames.length} frames, the second ${b.frames.length}`;
    const differs = FRAME_COLUMNS.filter((c) => keepColumn(c) && x[c] !== y[c]);
    if (differs.length === 0) continue;
    const what = x.device === y.device && x.seq === y.seq ? frameName(x) : `completed frame ${i + 1}`;
    const shown = differs.slice(0, 4).map((c) => `${c} ${cell(x[c])} -> ${cell(y[c])}`);
    return `${what}: ${shown.join(', ')}${differs.length > 4 ? ` (and ${differs.length - 4} more columns)` : ''}`;
  }
  const keys = [...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)])].filter(keepMetric);
  const k = keys.find((key) => !isDeepStrictEqual(a.metrics[key], b.metrics[key]));
  return k === undefined ? undefined : `metric ${k}: ${a.metrics[k]} -> ${b.metrics[k]}`;
}

/**
 * The first difference between two runs outside what is scored against the truth (the recorder's
 * TRUTH_COLUMNS, the catalogue's scoredAgainstTruth metrics); undefined when there is none.
 */
function truthBlindDifference(a: Run, b: Run, catalogue: readonly MetricSpec[]): string | undefined {
  const scored = scoredAgainstTruth(catalogue);
  return difference(a, b, (c) => !TRUTH_COLUMNS.includes(c), (k) => !scored(k));
}

/**
 * Strategy `name` run on two prepared scenarios (replication 0): the first difference outside what is
 * scored against the truth. test/scenario/label-permutation.test.ts compares a scenario with its copy
 * whose outcome tables are relabelled before prepare.
 */
export function decisionDifference(a: RunInput, b: RunInput, name: StrategyName): string | undefined {
  const run = (p: RunInput) => recordedRun((sink) => simulateRun(p, name, 0, sink));
  return truthBlindDifference(run(a), run(b), metricCatalogue([[name, a.registries.strategies[name]]]));
}

/** Runs the strategy contract against one entry. */
export async function checkStrategy<S extends z.ZodType, L>(typed: StrategyEntry<S, L>, name: string, o: StrategyCheckOptions = {}): Promise<CheckReport> {
  const entry = typed as unknown as StrategyEntry;
  const report: CheckReport = { kind: 'strategy', name, properties: [] };
  const parsed = entry.options.safeParse(o.options ?? {});
  if (!parsed.success) {
    report.properties.push({ name: 'options', ok: false, detail: `${name}'s options do not validate: ${formatIssues(parsed.error.issues)} (a strategy is checked with its schema's defaults unless options are given)` });
    return report;
  }
  const world = o.world ?? checkWorld();
  // Per-frame lines carry this label; the strategy's own name may hold commas (a path).
  const setUp = (): StrategyRun => {
    const loaded = entry.load?.(parsed.data, (reader, ...args) => reader(...args), world.baseDir, builtinRegistries);
    return { name: 'checked', entry, options: parsed.data, loaded, components: builtinRegistries };
  };
  let first: Run | undefined;
  const start = checkOnce('runs', () => void (first = runOnce(world, setUp())));
  const onFirst = (property: string, body: (r: Run) => void): CheckProperty =>
    start.ok ? checkOnce(property, () => body(first!)) : { name: property, ok: false, detail: `the run in the check world failed: ${start.detail}` };
  report.properties.push(
    onFirst('every frame answered or dropped exactly once', (r) => answeredOnce(world, r)),
    onFirst('latency parts add up', latencyAddsUp),
    onFirst('energy and bytes add up', energyAddsUp),
    onFirst('seed-deterministic', (r) => {
      const diff = difference(r, runOnce(world, setUp()), () => true, () => true);
      if (diff) throw new Violation(`a second run with the same seed differs (first -> second): ${diff}; randomness must come from world.rng streams`);
    }),
    onFirst('no label read (labels permuted, decisions unchanged)', (r) => {
      const classes = world.outcomes.classes, shift = classes > 3 ? 3 : 1;
      const relabelled: PreparedWorld = { ...world, truth: world.truth.map((label) => (label + shift) % classes) };
      const diff = truthBlindDifference(r, runOnce(relabelled, setUp()), metricCatalogue([[name, entry]]));
      if (diff) {
        throw new Violation(
          `with every sample's label shifted by ${shift} classes (class c becomes c + ${shift} mod ${classes}) the strategy decided differently (before -> after): ${diff}. ` +
            'Only the scorer may see the truth: a decision from world.trueLabel is an oracle, not a strategy',
        );
      }
    }),
  );
  return report;
}
