/**
 * One simulation run: one strategy, one replication. Frames are pulled lazily, one pending arrival
 * per device, so memory is O(devices + frames in flight); only oracle policies get a pre-pass over
 * the partition hints (4 bytes a frame per device), replaying the same deterministic source.
 */
import { InputError } from '../errors.js';
import { World } from '../world/world.js';
import { checkStrategyMetrics } from '../world/metrics.js';
import { Recorder, type FrameSink, type MetricRow } from '../world/recorder.js';
import type { CostTraceSink } from '../world/cost-trace.js';
import type { StrategyName } from '../strategies/registry.js';
import type { Components, RegistryTables, StrategyEntry } from '../strategies/strategy.js';
import { ArraySource } from '../traces/frame-csv.js';
import { emptyFrame, type FrameSource } from '../traces/frame.js';
import { FutureIndex } from '../traces/future.js';
import { TimelineSource } from '../traces/timeline.js';
import { VideoSource } from '../traces/video.js';
import { Rng } from '../sim/rng.js';
import type { PreparedWorld } from '../world/world-spec.js';

/**
 * What a run needs: the prepared world, the strategies to run and their option blocks (a prepared
 * scenario, scenario/prepare.ts, is one).
 */
export type RunInput = PreparedWorld & {
  scenario: { strategies: readonly StrategyName[] } & { readonly [K in StrategyName]: unknown };
  /** What each strategy's `load` read when the scenario was prepared. */
  loaded: Partial<Record<StrategyName, unknown>>;
  /** Where the strategies named come from (the built-ins and the scenario's plugins). */
  registries: RegistryTables;
};

/** A strategy ready to run: its entry, its option block (parsed) and what its `load` read. */
export interface StrategyRun {
  /** The name its per-frame lines carry. */
  name: string;
  entry: StrategyEntry;
  options: unknown;
  loaded: unknown;
  /** The policies and predictors its options may name. */
  components: Components;
}

/** Strategy `name` of the scenario, with its options and the files prepare read for it. */
function resolve(p: RunInput, name: StrategyName): StrategyRun {
  const entry = p.registries.strategies[name];
  if (entry.load && !(name in p.loaded)) {
    throw new InputError(`${name} is not in the scenario's strategies, so its files were not read when it was prepared: add it to \`strategies\``);
  }
  return { name, entry, options: p.scenario[name], loaded: p.loaded[name], components: p.registries };
}

/** The frame sources of replication `rep`, one per device; the same for every strategy. */
export function frameSources(p: PreparedWorld, rep: number): FrameSource[] {
  const s = p.scenario;
  if (p.frameRows) return p.frameRows.map((rows, device) => new ArraySource(rows, s.frames, { samplesOf: p.outcomes.samplesOf, rng: workloadRng(s.seed, rep, device) }));
  const timeline = s.workload.timeline;
  const classes = p.outcomes.classes;
  return Array.from({ length: s.workload.devices }, (_, device) => {
    const stream = {
      device,
      frames: s.frames,
      samplesOf: p.outcomes.samplesOf,
      arrivals: s.workload.arrivals,
      inputBytes: s.workload.inputBytes,
      rng: workloadRng(s.seed, rep, device),
      imageReuse: s.workload.imageReuse === undefined ? undefined : { p: s.workload.imageReuse, rng: workloadRng(s.seed, rep, device, 'image-reuse') },
    };
    if (p.timelines && timeline) {
      const classOfRank = (r: number) => timeline.classes?.[r] ?? r % classes;
      return new TimelineSource({ ...stream, timelines: p.timelines, classOfRank, background: timeline.background ?? -1 });
    }
    const { meanRun, popularity, transitions } = s.workload.scene;
    return new VideoSource({ ...stream, classes, meanRun, popularity, transitions });
  });
}

function futures(p: PreparedWorld, rep: number): FutureIndex[] {
  return frameSources(p, rep).map((src) => {
    const hints: number[] = [];
    const f = emptyFrame();
    while (src.next(f)) hints.push(p.hintOf![f.sample]);
    return new FutureIndex(Int32Array.from(hints), p.partitions.length);
  });
}

/** Builds every strategy of the scenario once, without running it: option errors surface here (mcsim validate). */
export function checkStrategies(p: RunInput): void {
  for (const name of p.scenario.strategies) {
    const run = resolve(p, name);
    run.entry.create(new World(p, 0, new Recorder({ truth: p.truth, partOf: p.partOf, warmupFrames: 0, label: name })), run.options, run.loaded);
  }
}

export interface RunOutput {
  metrics: MetricRow;
  /** Latency distribution function points (s, fraction). */
  latencyCdf: Array<[number, number]>;
  /** Events the engine fired (arrivals, compute and transfer steps, timers): the run's work, for benchmarks. */
  events: number;
}

export function simulateRun(p: RunInput, name: StrategyName, rep: number, sink?: FrameSink): RunOutput {
  return simulateStrategy(p, resolve(p, name), rep, sink);
}

/** One run of a strategy given by its entry (a plugin's, or one under check: check/strategy.ts), on a prepared world. */
export function simulateStrategy(p: PreparedWorld, run: StrategyRun, rep: number, sink?: FrameSink): RunOutput {
  const steps = strategySteps(p, run, rep, sink, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * simulateRun in slices of at most `sliceEvents` events: the generator pauses between slices, so a
 * caller on the main thread can let the event loop in (a signal handler, a progress bar) during a run.
 */
export function simulateRunSteps(p: RunInput, name: StrategyName, rep: number, sink: FrameSink | undefined, sliceEvents: number, costTrace?: CostTraceSink): Generator<void, RunOutput> {
  return strategySteps(p, resolve(p, name), rep, sink, sliceEvents, costTrace);
}

function* strategySteps(p: PreparedWorld, run: StrategyRun, rep: number, sink: FrameSink | undefined, sliceEvents: number, costTrace?: CostTraceSink): Generator<void, RunOutput> {
  const s = p.scenario;
  const recorder = new Recorder({ truth: p.truth, partOf: p.partOf, warmupFrames: s.warmupFrames, deadline: s.deadline, sink, label: `${run.name},${rep}` });
  const world = new World(p, rep, recorder);
  world.costTrace = costTrace ?? null;
  const strategy = run.entry.create(world, run.options, run.loaded);
  // After create: a strategy refuses a scenario it cannot run before any pre-pass over its frames.
  if (run.entry.needsFuture?.(run.options, run.components)) world.futures = futures(p, rep);

  const e = world.engine;
  const sources = frameSources(p, rep);
  const next = sources.map(() => emptyFrame());
  const seq = new Float64Array(sources.length);
  const lastPart = new Int32Array(sources.length).fill(-1);
  // Time-based statistics start when the last device's warm-up ends; frames arriving from then on
  // are the ones idle energy is shared among.
  let warming = 0;
  let arrivedAfterWarmup = 0;
  const arrive: number = e.on((d) => {
    if (warming > 0 && seq[d] === s.warmupFrames && --warming === 0) world.resetStats();
    if (warming === 0) arrivedAfterWarmup++;
    const slot = world.frames.admit(next[d], seq[d]++);
    // The scorer's scene starts (prefetch hit rate): the true partition changes from the previous frame's.
    const truePart = p.partOf[p.truth[next[d].sample]];
    world.frames.sceneStart[slot] = truePart !== lastPart[d] ? 1 : 0;
    lastPart[d] = truePart;
    strategy.arrive(slot);
    if (sources[d].next(next[d])) e.scheduleAt(next[d].t, arrive, d);
    else world.openSources--;
  });
  sources.forEach((src, d) => {
    if (src.next(next[d])) {
      world.openSources++;
      e.scheduleAt(next[d].t, arrive, d);
    }
  });
  if (s.warmupFrames > 0) warming = world.openSources;
  while (e.runEvents(sliceEvents)) yield;
  const idlePerFrame = arrivedAfterWarmup > 0 ? world.idleEnergy() / arrivedAfterWarmup : NaN;
  const own = strategy.metrics?.() ?? {};
  checkStrategyMetrics(run.name, run.entry.metrics ?? [], own);
  const metrics = recorder.finish(idlePerFrame, { ...world.resourceMetrics(), ...own });
  return { metrics, latencyCdf: recorder.latencyCdf(), events: e.firedCount };
}

/** Device `device`'s workload stream (arrivals, scenes, which test sample each frame is), or its sub-stream `part`. */
function workloadRng(seed: number | string, rep: number, device: number, part?: string): Rng {
  return Rng.stream(seed, rep, `workload/device-${device}${part === undefined ? '' : `/${part}`}`);
}
