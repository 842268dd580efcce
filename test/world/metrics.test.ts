/**
 * The metric catalogue (src/world/metrics.ts): it covers every column a run reports, a strategy's
 * metrics() must return exactly what its entry declares, and a strategy's own metric (a fixture
 * here, as a plugin would declare it) gets its column in summary.csv, the tables, the paired
 * comparison and a sweep chart like a built-in one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InputError } from '../../src/errors.js';
import { CORE_METRICS, checkStrategyMetrics, metricCatalogue, scoredAgainstTruth, strategyMetrics, type MetricSpec } from '../../src/world/metrics.js';
import { summaryRows, writeRunReport } from '../../src/report/run-report.js';
import { sweepCharts } from '../../src/report/sweep-charts.js';
import { terminalTable } from '../../src/report/table.js';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare, type Prepared } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { deviceOnly } from '../../src/strategies/device-only.js';
import { strategies, strategyAxisTitles, strategyMetricCatalogue } from '../../src/strategies/registry.js';
import type { Strategy, StrategyEntry } from '../../src/strategies/strategy.js';
import { tiny } from '../scenario/helpers.js';

const WIDGET_METRICS = strategyMetrics('widgets', [
  {
    name: 'widget_rate', unit: 'fraction', description: 'half the counted frames, as a test figure', better: 'higher',
    paired: { label: 'widgets (points)', scale: 100 },
    table: { title: 'widgets %', scale: 100, digits: 1, terminal: true },
    chart: { name: 'widgets', title: 'Widget rate', yTitle: 'widget rate', yFormat: '.0%' },
  },
]);

/** device-only plus a metric of its own, as a plugin strategy would be; `report` is what its metrics() returns. */
function widgets(report: (rate: number) => Record<string, number>): StrategyEntry {
  return {
    description: 'device-only, with a widget rate',
    options: z.strictObject({}),
    metrics: WIDGET_METRICS,
    axisTitles: { knob: 'widget knob' },
    create(world, options): Strategy {
      const inner = deviceOnly.create(world, options as never, undefined);
      let counted = 0;
      return {
        arrive(slot) {
          if (world.counted(slot)) counted++;
          inner.arrive(slot);
        },
        metrics: () => report(world.perFrame(counted) / 2),
      };
    },
  };
}

/** Runs `body` with `entry` registered under `names`, after device-only, in a prepared tiny scenario. */
async function withStrategy<T>(names: string[], entry: StrategyEntry, body: (p: Prepared) => T | Promise<T>): Promise<T> {
  const table = strategies as Record<string, StrategyEntry>;
  for (const name of names) table[name] = entry;
  try {
    const p = tiny('strategies=[device-only]');
    // The prepared scenario runs against its registries: add the entry there too.
    p.registries = { ...p.registries, strategies: { ...p.registries.strategies, ...Object.fromEntries(names.map((n) => [n, entry])) } };
    const scenario = p.scenario as unknown as Record<string, unknown>;
    scenario.strategies = ['device-only', ...names];
    for (const name of names) scenario[name] = {};
    return await body(p);
  } finally {
    for (const name of names) delete table[name];
  }
}

test('a strategy declaring its own metric gets its column in summary.csv, both tables, the paired comparison and a sweep chart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-metrics-'));
  try {
    // Two strategies report the metric, so one can be the other's reference.
    await withStrategy(['widgets', 'gizmos'], widgets((rate) => ({ widget_rate: rate })), async (p) => {
      p.scenario.compare = { reference: 'gizmos' } as never;
      const result = runScenario(p);
      assert.ok(result.metrics.some((m) => m.name === 'widget_rate'), 'in the catalogue passed with the results');
      const mine = result.summary.find((s) => s.strategy === ('widgets' as never))!.metrics;
      assert.equal(mine.widget_rate, 0.5);
      assert.equal(typeof mine.widget_rate_vs_ref, 'number', 'compared against the reference');
      await writeRunReport(dir, { name: 'w', seed: 1, replications: 2, frames: 200, warmupFrames: 0, compare: { reference: 'gizmos' } }, result, { render: async () => '<svg></svg>' });
      const header = readFileSync(join(dir, 'summary.csv'), 'utf8').split('\n')[0].split(',');
      for (const c of ['widget_rate', 'widget_rate_lo', 'widget_rate_hi', 'widget_rate_vs_ref']) assert.ok(header.includes(c), `summary.csv has ${c}`);
      assert.ok(readFileSync(join(dir, 'runs.csv'), 'utf8').split('\n')[0].split(',').includes('widget_rate'));
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      assert.match(html, /<th>widgets %<\/th>/);
      assert.match(readFileSync(join(dir, 'charts', 'paired-differences.vl.json'), 'utf8'), /widgets \(points\)/);
      const table = terminalTable(summaryRows(result), result.metrics, 'gizmos').split('\n');
      assert.match(table[0], /widgets %/);
      assert.match(table.find((l) => l.startsWith('widgets'))!, /50\.0/);
      // A sweep over the strategy's option: its metric gets a chart, its option the declared title.
      // Its numbers change with the knob (a run whose numbers do not is a baseline, drawn as a rule).
      const row = (point: number, knob: number) => ({ point, 'widgets.knob': knob, strategy: 'widgets', ...mine, widget_rate: knob / 4 });
      const { charts } = sweepCharts({
        name: 's', grid: { 'widgets.knob': [1, 2] }, points: [[['widgets.knob', 1]], [['widgets.knob', 2]]], runs: 2, replications: 2,
        rows: [row(0, 1), row(1, 2)], runRows: [], notes: [], seen: [new Set(['widgets.knob']), new Set(['widgets.knob'])],
        metrics: result.metrics, axisTitles: strategyAxisTitles(),
      });
      const chart = charts.find((c) => c.name === 'widgets-vs-widgets-knob');
      assert.ok(chart, charts.map((c) => c.name).join(', '));
      assert.equal(chart.title, 'Widget rate vs widget knob');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('metrics() must return exactly the declared metrics: an undeclared or a missing one is an error naming strategy and metric', async () => {
  await withStrategy(['leaky'], widgets((rate) => ({ widget_rate: rate, gadgets: 1 })), (p) => {
    assert.throws(() => runScenario(p), (e: Error) => e instanceof InputError && /strategy leaky: metrics\(\) returned gadgets, which its entry does not declare/.test(e.message));
  });
  await withStrategy(['mute'], widgets(() => ({})), (p) => {
    assert.throws(() => runScenario(p), (e: Error) => e instanceof InputError && /strategy mute: metrics\(\) did not return widget_rate/.test(e.message));
  });
});

test('the check: optional metrics may be absent; a family matches its columns and needs one', () => {
  const declared = strategyMetrics('x', [
    { name: 'exit_<i>_rate', unit: 'fraction', description: 'per exit', better: 'neither' },
    { name: 'extra', unit: '1', description: 'sometimes', better: 'neither', optional: true },
  ]);
  checkStrategyMetrics('x', declared, { exit_0_rate: 0.1, exit_1_rate: 0.2 });
  checkStrategyMetrics('x', declared, { exit_0_rate: 0.1, extra: 3 });
  assert.throws(() => checkStrategyMetrics('x', declared, { extra: 3 }), /did not return exit_<i>_rate/);
  assert.throws(() => checkStrategyMetrics('x', declared, { exit_0_rate: 1, exitrate: 1 }), /returned exitrate/);
});

test('the catalogue: core first, a metric shared by two strategies listed once, a conflicting or shown family refused', () => {
  const catalogue = strategyMetricCatalogue();
  assert.deepEqual(catalogue.slice(0, CORE_METRICS.length), CORE_METRICS);
  assert.equal(catalogue.filter((m) => m.name === 'mean_cut').length, 1, 'split and jalad share mean_cut');
  const redefined: MetricSpec = { ...CORE_METRICS.find((m) => m.name === 'accuracy')!, unit: '%' };
  assert.throws(() => metricCatalogue([['mine', { metrics: [redefined] }]]), /strategy mine: metric accuracy is already declared, differently, by the core metrics/);
  const shownFamily = strategyMetrics('mine', [{ name: 'a_<k>', unit: '1', description: 'd', better: 'neither', table: { title: 'a', scale: 1, digits: 1 } }]);
  assert.throws(() => metricCatalogue([['mine', { metrics: shownFamily }]]), /metric family a_<k> cannot have/);
});

test('the catalogue covers every column every built-in strategy reports (core metrics and its own)', () => {
  const path = fileURLToPath(new URL('../../scenarios/all-strategies.yaml', import.meta.url));
  // Its own study runs eight strategies; every registered one has its option block there.
  const { scenario, baseDir } = loadScenario(path, ['frames=300', 'warmupFrames=50', 'replications=1', `strategies=[${Object.keys(strategies).join(', ')}]`]);
  const result = runScenario(prepare(scenario, baseDir));
  assert.equal(result.runs.length, Object.keys(strategies).length, 'all-strategies runs every strategy');
  for (const run of result.runs) {
    const entry = (strategies as Record<string, StrategyEntry>)[run.strategy];
    checkStrategyMetrics(run.strategy, [...CORE_METRICS, ...(entry.metrics ?? [])], run.metrics);
  }
});

test('what is scored against the truth is read off the catalogue: the core accuracy metrics, a flagged strategy metric or family, nothing else', () => {
  const own = strategyMetrics('x', [
    { name: 'x_hit_<k>_rate', unit: 'fraction', description: 'scored', better: 'higher', scoredAgainstTruth: true },
    { name: 'x_rate', unit: 'fraction', description: 'not scored', better: 'neither' },
  ]);
  const scored = scoredAgainstTruth(metricCatalogue([['x', { metrics: own }]]));
  assert.deepEqual(['accuracy', 'encoder_accuracy', 'x_hit_0_rate', 'x_rate', 'latency_mean', 'unknown'].map(scored), [true, true, true, false, false, false]);
});

test('docs/metrics.md explains every catalogue metric', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/metrics.md', import.meta.url)), 'utf8');
  assert.deepEqual(strategyMetricCatalogue().map((m) => m.name).filter((name) => !doc.includes(`\`${name}\``)), []);
});
