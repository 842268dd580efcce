import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { writeSweepReport } from '../../src/report/sweep-report.js';
import { expandGrid, gridSize, inShard, MAX_POINTS, parseShard, rangeValues } from '../../src/scenario/grid.js';
import { durationNote } from '../../src/scenario/resources.js';
import { loadScenario } from '../../src/scenario/load.js';
import { assemble, loadSweep, planSweep } from '../../src/run/sweep.js';
import { mergeSweeps, runSweep, sweepTable } from '../../src/run/sweep-run.js';
import { FIXTURES, sweepFiles } from '../scenario/helpers.js';

const SWEEP = `${FIXTURES}tiny-sweep.yaml`;
const tmp = () => mkdtempSync(join(tmpdir(), 'mcsim-sweep-'));

test('grid expansion: cartesian product in the order written, inclusive ranges', () => {
  assert.deepEqual(rangeValues('k', { from: 0, to: 2.3, step: 0.1 }).length, 24);
  assert.deepEqual(rangeValues('k', { from: 0, to: 0.3, step: 0.1 }), [0, 0.1, 0.2, 0.3]);
  const points = expandGrid({ a: [1, 2], b: { from: 0, to: 1, step: 0.5 }, c: ['x'] });
  assert.deepEqual(
    points.map((p) => p.map(([, v]) => v)),
    [[1, 0, 'x'], [1, 0.5, 'x'], [1, 1, 'x'], [2, 0, 'x'], [2, 0.5, 'x'], [2, 1, 'x']],
  );
  assert.throws(() => rangeValues('k', { from: 1, to: 0, step: 1 }), /k: range 'to'/);
  assert.equal(gridSize({ a: [1, 2], b: { from: 0, to: 1, step: 0.5 }, c: ['x'] }), points.length);
});

test('a grid of more than a million points is refused from its counts, before any point is built', () => {
  const huge = { a: { from: 0, to: 999_999, step: 1 }, b: { from: 0, to: 999_999, step: 1 } };
  assert.equal(gridSize(huge), 1e12);
  assert.throws(() => expandGrid(huge), (e: unknown) => e instanceof InputError && e.message === 'sweep grid: 1.00e+12 points (a: 1000000 x b: 1000000), more than 1,000,000; thin the ranges or split the sweep into several files');
  assert.equal(expandGrid({ a: { from: 1, to: 1000, step: 1 }, b: { from: 1, to: 1000, step: 1 } }).length, MAX_POINTS, 'a million points are planned');
});

test('the duration estimate: nothing under 10 s at the slow rate, then a range by the measured rates', () => {
  assert.equal(durationNote(6.39e5, 1), null);
  assert.equal(durationNote(6.4e5 * 6, 1), '3.84e+6 frames to simulate: about 8 s to 60 s on 1 worker(s) (64k-476k frames/s each, docs/performance.md)');
  assert.equal(durationNote(1e9, 2), '1.00e+9 frames to simulate: about 18 min to 2.2 h on 2 worker(s) (64k-476k frames/s each, docs/performance.md)');
});

test('runSweep says which jobs it will run before the first starts, with their frames', async () => {
  const spec = loadSweep(SWEEP);
  const out = mkdtempSync(join(tmpdir(), 'mcsim-starting-'));
  let todo: number[] = [];
  await runSweep(spec, { out, workers: 1, starting: (jobs) => void (todo = jobs.map((j) => j.frames)) });
  // tiny.yaml: 1 device; the sweep file sets frames and replications.
  const raw = spec.raw as { frames: number; replications: number };
  assert.deepEqual(todo, Array(planSweep(spec).jobs.length).fill(raw.frames * raw.replications));
  rmSync(out, { recursive: true, force: true });
});

test('invalid sweep keys and values are errors naming the key', () => {
  const spec = loadSweep(SWEEP);
  assert.throws(() => planSweep({ ...spec, grid: { 'cachenet.colour': [1] } }), (e: unknown) => e instanceof InputError && /cachenet\.colour/.test(e.message));
  assert.throws(() => planSweep({ ...spec, grid: { 'cachenet.tau': ['hot'] } }), (e: unknown) => e instanceof InputError && /cachenet\.tau/.test(e.message));
  assert.throws(() => parseShard('2/2'), /--shard '2\/2'/);
});

test('property: every point is in exactly one shard', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 20 }), (points, n) => {
      for (let p = 0; p < points; p++) {
        const owners = Array.from({ length: n }, (_, i) => i).filter((i) => inShard(p, { index: i, count: n }));
        assert.equal(owners.length, 1);
      }
    }),
  );
});

test('jobs are shared: a strategy that ignores the swept keys runs once', () => {
  const plan = planSweep(loadSweep(SWEEP));
  assert.equal(plan.points.length, 6);
  assert.equal(plan.jobs.filter((j) => j.strategy === 'device-only').length, 1);
  assert.equal(plan.jobs.filter((j) => j.strategy === 'cachenet').length, 6);
});

const files = (dir: string) => ['sweep.csv', 'runs.csv', 'sweep.json', 'report.html'].map((f) => readFileSync(join(dir, f), 'utf8'));

test('workers=1 and workers=2 give identical outputs; shards merged give the unsharded outputs; resume runs only what is missing', async () => {
  const spec = loadSweep(SWEEP);
  const one = tmp(), two = tmp();
  await writeSweepReport(one, sweepTable(await runSweep(spec, { out: one, workers: 1 })));
  await writeSweepReport(two, sweepTable(await runSweep(spec, { out: two, workers: 2 })));
  assert.deepEqual(files(two), files(one));
  const rows = readFileSync(join(one, 'sweep.csv'), 'utf8').trim().split('\n');
  assert.equal(rows.length, 1 + 6 * 2);
  assert.match(rows[0], /^point,cachenet\.policy,cachenet\.tau,strategy,/);
  assert.ok(readdirSync(join(one, 'charts')).some((f) => f.endsWith('.svg')));
  // runs.csv: one row per point, strategy and replication, with the point's keys; each row's mean
  // over its replications is the sweep.csv row (a shared device-only run listed under every point).
  const runs = parse(readFileSync(join(one, 'runs.csv'), 'utf8'), { columns: true, cast: true }) as Array<Record<string, number | string>>;
  const summary = parse(readFileSync(join(one, 'sweep.csv'), 'utf8'), { columns: true, cast: true }) as Array<Record<string, number | string>>;
  const reps = Number(spec.raw.replications);
  assert.equal(runs.length, 6 * 2 * reps);
  assert.deepEqual(Object.keys(runs[0]).slice(0, 5), ['point', 'cachenet.policy', 'cachenet.tau', 'strategy', 'replication']);
  for (const row of summary) {
    const mine = runs.filter((r) => r.point === row.point && r.strategy === row.strategy);
    assert.deepEqual(mine.map((r) => r.replication), [...Array(reps).keys()]);
    assert.ok(mine.every((r) => r['cachenet.tau'] === row['cachenet.tau'] && r['cachenet.policy'] === row['cachenet.policy']));
    const mean = mine.reduce((a, r) => a + Number(r.latency_mean), 0) / reps;
    assert.ok(Math.abs(mean - Number(row.latency_mean)) <= 1e-12 * Math.abs(mean), `point ${row.point} ${row.strategy}: ${mean} vs ${row.latency_mean}`);
  }

  const shards = [tmp(), tmp(), tmp()];
  for (const [i, dir] of shards.entries()) await runSweep(spec, { out: dir, workers: 1, shard: { index: i, count: 3 } });
  assert.throws(() => mergeSweeps(shards.slice(0, 2)), /jobs have no result/);
  const merged = tmp();
  await writeSweepReport(merged, sweepTable(mergeSweeps(shards)));
  assert.deepEqual(files(merged), files(one));

  const jobs = readdirSync(join(one, 'jobs'));
  rmSync(join(one, 'jobs', jobs[0]));
  const done: number[] = [];
  const resumed = await runSweep(spec, { out: one, workers: 1, resume: true, progress: (d) => void done.push(d) });
  assert.deepEqual(done, [jobs.length - 1, jobs.length], 'only the deleted job runs again');
  const again = tmp();
  await writeSweepReport(again, sweepTable(resumed));
  assert.deepEqual(files(again), files(one));
});

test('a folder holding another sweep is refused', async () => {
  const dir = tmp();
  await runSweep(loadSweep(SWEEP), { out: dir, workers: 1 });
  await assert.rejects(runSweep(loadSweep(SWEEP, ['seed=99']), { out: dir, workers: 1 }), /holds another sweep/);
});

test('bundled sweep files plan without error', () => {
  const names = sweepFiles();
  assert.ok(names.includes('tau-sweep.yaml'));
  for (const f of names) {
    const plan = planSweep(loadSweep(join(FIXTURES, '../../scenarios', f)));
    assert.ok(plan.jobs.length > 0, f);
  }
});

test('a sweep: block inside a scenario is a sweep; mcsim run ignores it', async () => {
  const dir = tmp();
  const path = join(dir, 'with-block.yaml');
  const text = readFileSync(join(FIXTURES, 'tiny.yaml'), 'utf8').replace('hardware: { table: hardware.json', `hardware: { table: ${FIXTURES}hardware.json`);
  writeFileSync(path, `${text}\nsweep:\n  grid:\n    device.cache.slots: [1, 2]\n`);
  const plan = planSweep(loadSweep(path, ['frames=50']));
  assert.equal(plan.points.length, 2);
  assert.deepEqual(plan.points.map((p) => p[0]), [['device.cache.slots', 1], ['device.cache.slots', 2]]);
  assert.deepEqual(loadScenario(path).scenario.sweep?.grid, { 'device.cache.slots': [1, 2] });
});

test('sweep compare: each point gets paired differences from the point with the reference value; the reference and unchanged jobs get none', async () => {
  const spec = { ...loadSweep(SWEEP), compare: { key: 'cachenet.policy', reference: 'lru' } };
  const dir = tmp();
  const { plan, results } = await runSweep(spec, { out: dir, workers: 1 });
  const rows = assemble(plan, results);
  const at = (policy: string, tau: number, strategy: string) => rows.find((r) => r['cachenet.policy'] === policy && r['cachenet.tau'] === tau && r.strategy === strategy)!;
  const belady = at('belady', 0.1, 'cachenet'), lru = at('lru', 0.1, 'cachenet');
  assert.ok(!('latency_mean_vs_ref' in lru) && !('latency_mean_vs_ref' in at('belady', 0.1, 'device-only')));
  const runs = (r: Record<string, string | number>) => results.get(plan.jobs[plan.pointJobs[r.point as number].find((j) => j.strategy === 'cachenet')!.job].id)!.runs;
  const d = runs(belady).map((m, i) => m.partition_downloads_per_frame - runs(lru)[i].partition_downloads_per_frame);
  assert.equal(belady.partition_downloads_per_frame_vs_ref, (d[0] + d[1]) / 2);
  assert.ok((belady.partition_downloads_per_frame_vs_ref_lo as number) <= (belady.partition_downloads_per_frame_vs_ref as number));
});
