/**
 * The contract every registered strategy must keep, checked on one run of a shared scenario (as
 * test/policies/conformance.ts does for policies): `strategyContract(name, scenario)` registers the
 * tests for one strategy; contract.test.ts runs it for every registry entry, so a new strategy is
 * checked by adding its registry line (and, if the shared scenario lacks what it needs, its block).
 *
 * - every frame past the warm-up is answered or dropped exactly once (one per-frame line each);
 * - the latency parts add up to the latency; a frame is correct or not; accuracy is in [0, 1];
 * - energy terms are non-negative and add up (the frames' own energy plus energy charged after an
 *   answer, e.g. a partition pushed in the background, is the run's; total = active + idle);
 * - bytes add up; the same scenario and seed give byte-identical lines and metrics.
 * `sameFrames` checks across strategies that every one saw the same frames.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAME_COLUMNS, type MetricRow } from '../../src/run/recorder.js';
import type { Prepared } from '../../src/scenario/prepare.js';
import { simulateRun } from '../../src/run/simulate.js';
import type { StrategyName } from '../../src/strategies/registry.js';
import { PARTS } from '../../src/run/frames.js';

export interface ContractRun {
  metrics: MetricRow;
  /** Per-frame lines, split into cells named as FRAME_COLUMNS. */
  frames: Array<Record<string, string>>;
}

/** One run of `name`, replication 0, with its per-frame lines. */
export function contractRun(p: Prepared, name: StrategyName, rep = 0): ContractRun {
  const lines: string[] = [];
  const { metrics } = simulateRun(p, name, rep, { write: (l) => void lines.push(l) });
  const frames = lines.map((l) => {
    const cells = l.trimEnd().split(',');
    assert.equal(cells.length, FRAME_COLUMNS.length, `${name}: a per-frame line has ${cells.length} cells`);
    return Object.fromEntries(FRAME_COLUMNS.map((c, i) => [c, cells[i]]));
  });
  return { metrics, frames };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const near = (a: number, b: number, what: string, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${what}: ${a} != ${b}`);

/** The energy columns of one run (J per frame): finite, non-negative, device total = compute + radio + idle, system total = device total + edge + cloud. */
export function assertEnergyAddsUp(m: MetricRow, what: string): void {
  const [compute, radio, idle, edge, cloud] = ['device_compute', 'device_radio', 'device_idle', 'edge_compute', 'cloud_compute'].map((k) => m[`energy_${k}_j_per_frame`]);
  for (const [part, x] of Object.entries({ compute, radio, idle, edge, cloud })) assert.ok(Number.isFinite(x) && x >= 0, `${what}: ${part} = ${x}`);
  near(m.energy_device_total_j_per_frame, compute + radio + idle, `${what} device total`, 1e-12);
  near(m.energy_system_total_j_per_frame, compute + radio + idle + edge + cloud, `${what} system total`, 1e-12);
}

export function strategyContract(name: StrategyName, scenario: () => Prepared): void {
  let memo: ContractRun | undefined;
  const run = () => (memo ??= contractRun(scenario(), name));

  test(`${name}: every frame past the warm-up is answered or dropped exactly once`, () => {
    const p = scenario(), { metrics: m, frames } = run();
    const s = p.scenario, expected = s.workload.devices * (s.frames - s.warmupFrames);
    const keys = frames.map((f) => `${f.device}/${f.seq}`);
    assert.equal(new Set(keys).size, keys.length, 'a frame recorded twice');
    assert.equal(frames.length, expected, 'frames recorded');
    for (const f of frames) assert.ok(Number(f.seq) >= s.warmupFrames && Number(f.seq) < s.frames, `seq ${f.seq} outside the counted frames`);
    assert.equal(m.frames, expected);
    near(m.answered_device + m.answered_edge + m.answered_cloud + m.drop_rate, 1, 'answered + dropped');
    const share = (where: string) => frames.filter((f) => f.where === where).length / expected;
    near(m.answered_device, share('device'), 'answered on the device');
    near(m.answered_edge, share('edge'), 'answered at the edge');
    near(m.answered_cloud, share('cloud'), 'answered in the cloud');
    near(m.drop_rate, share('dropped'), 'dropped');
  });

  test(`${name}: latency parts add up to each frame's latency; correct is 0 or 1; accuracy in [0, 1]`, () => {
    const { metrics: m, frames } = run();
    const answered = frames.filter((f) => f.where !== 'dropped');
    for (const f of answered) {
      const latency = Number(f.latency), parts = PARTS.map((p) => Number(f[p]));
      for (const [k, t] of parts.entries()) assert.ok(t >= 0, `${PARTS[k]} ${t} < 0 (frame ${f.device}/${f.seq})`);
      near(sum(parts), latency, `frame ${f.device}/${f.seq}: parts vs latency`);
      assert.ok(f.correct === '0' || f.correct === '1', `correct ${f.correct}`);
    }
    for (const f of frames.filter((f) => f.where === 'dropped')) assert.equal(f.latency, '', 'a dropped frame has no latency');
    assert.ok(m.accuracy >= 0 && m.accuracy <= 1, `accuracy ${m.accuracy}`);
    near(m.accuracy, answered.filter((f) => f.correct === '1').length / answered.length, 'accuracy vs the answered frames');
    near(m.latency_mean, sum(answered.map((f) => Number(f.latency))) / answered.length, 'mean latency');
    PARTS.forEach((p) => near(m[`t_${p}`], sum(answered.map((f) => Number(f[p]))) / answered.length, `t_${p}`));
  });

  test(`${name}: energy terms are non-negative and add up; bytes add up`, () => {
    const { metrics: m, frames } = run();
    const FRAME_ENERGY = ['device_compute_j', 'device_radio_j', 'edge_compute_j', 'cloud_compute_j'];
    for (const f of frames) {
      for (const c of [...FRAME_ENERGY, 'bytes_up', 'bytes_down']) assert.ok(Number(f[c]) >= 0, `${c} ${f[c]} < 0`);
    }
    assertEnergyAddsUp(m, name);
    // Energy charged after an answer (a background push) is in the run's figure, not in a frame's line.
    const own = sum(frames.map((f) => FRAME_ENERGY.reduce((a, c) => a + Number(f[c]), 0)));
    const run_ = m.energy_system_total_j_per_frame - m.energy_device_idle_j_per_frame;
    assert.ok(own <= run_ * m.frames * (1 + 1e-9), `frames' own energy ${own} exceeds the run's ${run_ * m.frames}`);
    near(m.bytes_up_per_frame * m.frames, sum(frames.map((f) => Number(f.bytes_up))), 'bytes up');
    near(m.bytes_down_per_frame * m.frames, sum(frames.map((f) => Number(f.bytes_down))), 'bytes down');
  });

  test(`${name}: the same scenario and seed give the same lines and metrics`, () => {
    const again = contractRun(scenario(), name);
    assert.deepEqual(again.frames, run().frames);
    assert.deepEqual(again.metrics, run().metrics);
  });

  // Label-permutation invariance (issue 10): renaming the classes consistently in the outcome tables
  // and the workload changes accuracy only. Its test goes here.
}

/** Every strategy saw the same frames: device, seq, arrival time, label (the scorer's; the hint is cachenet's own). */
export function sameFrames(runs: Map<StrategyName, ContractRun>): void {
  const identity = (r: ContractRun) => r.frames.map((f) => [f.device, f.seq, f.t, f.label].join(',')).sort();
  const [first, ...rest] = [...runs.entries()];
  for (const [name, r] of rest) assert.deepEqual(identity(r), identity(first[1]), `${name} vs ${first[0]}`);
}
