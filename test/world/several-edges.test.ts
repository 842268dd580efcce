/**
 * Several edge servers (edge.count, edge.association, world/association.ts): the association file's
 * errors name the line; a frame goes to the edge its device is associated with when its upload ends;
 * two edges with every device handed to edge 0 give the one-edge numbers in every bundled scenario; a second edge relieves an
 * overloaded one; a handover moves a device's requests from one edge's model cache to the other's; and
 * edge-models' cooperation loads from a neighbour only when asked, or forwards frames to it; every strategy keeps its contract
 * with two edges.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Association, readAssociation } from '../../src/world/association.js';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { CostTraces } from '../../src/world/cost-trace.js';
import { FRAME_COLUMNS } from '../../src/world/recorder.js';
import { ROOT } from '../strategies/helpers.js';
import { scenarioFiles } from '../scenario/helpers.js';
import { checkStrategy } from '../../src/check/strategy.js';
import { checkWorld } from '../../src/check/world.js';
import { strategies, strategyNames } from '../../src/strategies/registry.js';
import type { StrategyEntry } from '../../src/strategies/strategy.js';

const dir = mkdtempSync(join(tmpdir(), 'mcsim-edges-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test('association file: rows out of time order, or an edge or device out of range, are one line naming the file and line', () => {
  assert.throws(() => readAssociation(file('a.csv', 't,device,edge\n0,0,1\n5,0,0\n2,0,1\n'), 2, 2), { message: /a\.csv:4: device 0's rows are not in time order \(2 s after 5 s\)/ });
  assert.throws(() => readAssociation(file('b.csv', 't,device,edge\n0,0,2\n'), 2, 2), { message: /b\.csv:2: column "edge": expected an integer in 0\.\.1, got "2"/ });
  assert.throws(() => readAssociation(file('c.csv', 't,device,edge\n0,3,0\n'), 2, 2), { message: /c\.csv:2: column "device": expected an integer in 0\.\.1/ });
  assert.throws(() => readAssociation(file('d.csv', 't,device\n0,0\n'), 2, 2), { message: /no column "edge"/ });
});

test('association: device d at edge d mod count, until its first handover; then the latest row at or before now', () => {
  const fixed = new Association(3, null, 5);
  assert.deepEqual([0, 1, 2, 3, 4].map((d) => fixed.edgeOf(d, 0)), [0, 1, 2, 0, 1]);
  const moving = new Association(2, readAssociation(file('h.csv', 't,device,edge\n10,1,0\n20,1,1\n20.5,1,0\n'), 2, 2), 2);
  assert.deepEqual([0, 9.99, 10, 19, 20, 20.4, 20.5, 99].map((t) => moving.edgeOf(1, t)), [1, 1, 0, 0, 1, 1, 0, 0]);
  assert.equal(moving.edgeOf(0, 50), 0, 'a device without rows stays at its static edge');
});

const SHORT = ['frames=400', 'warmupFrames=0', 'replications=1', 'strategies=[edge-only]', 'edge.batching.maxBatch=1'];
function edgeOnly(sets: string[]) {
  const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios/edge-batching.yaml'), [...SHORT, ...sets]);
  return runScenario(prepare(scenario, baseDir)).runs[0].metrics;
}

for (const scenarioFile of scenarioFiles()) {
  test(`scenarios/${scenarioFile}: two edges with every device handed to edge 0 at t = 0 give the one-edge numbers (the idle edge halves the mean utilization)`, () => {
    const sets = ['frames=300', 'warmupFrames=0', 'replications=1'];
    const base = loadScenario(join(ROOT, 'scenarios', scenarioFile), sets);
    const devices = base.scenario.workload.devices;
    const all = file(`${scenarioFile.replace(/\W/g, '-')}-to-0.csv`, `t,device,edge\n${Array.from({ length: devices }, (_, d) => `0,${d},0`).join('\n')}\n`);
    const two = loadScenario(join(ROOT, 'scenarios', scenarioFile), [...sets, 'edge.count=2', `edge.association=${all}`]);
    const one = runScenario(prepare(base.scenario, base.baseDir)).runs;
    const runs = runScenario(prepare(two.scenario, two.baseDir)).runs;
    assert.equal(runs.length, one.length);
    runs.forEach((run, i) => {
      const { edge_utilization: u1, ...rest1 } = one[i].metrics;
      const { edge_utilization: u2, ...rest2 } = run.metrics;
      assert.deepEqual(rest2, rest1, run.strategy);
      assert.ok(Math.abs(u2 - u1 / 2) < 1e-12, `${run.strategy}: ${u2} vs ${u1}`);
    });
  });
}

test('a second edge relieves an overloaded one: every frame answered once, utilization and latency fall', () => {
  const one = edgeOnly(['workload.devices=40']);
  const two = edgeOnly(['workload.devices=40', 'edge.count=2']);
  for (const m of [one, two]) {
    assert.equal(m.frames, 40 * 400);
    assert.equal(m.answered_edge, 1);
  }
  assert.ok(one.edge_utilization > 0.99, `one edge at batch 1 is overloaded (${one.edge_utilization})`);
  assert.ok(two.edge_utilization < 0.7, `${two.edge_utilization}`);
  assert.ok(two.latency_mean < one.latency_mean / 5, `${two.latency_mean} vs ${one.latency_mean}`);
});

function edgeModels(sets: string[]) {
  const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios/edge-models.yaml'), ['frames=400', 'warmupFrames=0', 'replications=1', ...sets]);
  const traces = new CostTraces();
  const metrics = runScenario(prepare(scenario, baseDir), { costTrace: () => traces }).runs[0].metrics;
  return { metrics, traces };
}

test("a handover moves the device's requests from edge 0's model cache to edge 1's at its time", () => {
  const handover = file('handover.csv', 't,device,edge\n40,0,1\n');
  const { metrics, traces } = edgeModels(['workload.devices=1', 'edge.count=2', `edge.association=${handover}`]);
  assert.equal(metrics.frames, 400);
  const [before, after] = traces.caches;
  assert.ok(before.length > 0 && after.length > 0 && before.length + after.length === 400);
  const times = (i: number) => before.csv().split('\n').slice(1, -1).map((l) => Number(l.split(',')[0]))[i];
  // The edge is the one at the end of each upload, so a frame arriving just before 40 s may land after it.
  assert.ok(times(before.length - 1) < 40.5 && after.csv().split('\n').slice(1, -1).every((l) => Number(l.split(',')[0]) >= 40));
});

test('cooperation: neighbours loads models over the LAN from another edge that holds them; none never does', () => {
  const sets = ['workload.devices=12', 'edge.count=3', 'edge-models.memory=250000000', 'network.wan.mbps=100'];
  const none = edgeModels(sets).metrics;
  const coop = edgeModels([...sets, 'edge-models.cooperation=neighbours']).metrics;
  assert.equal(none.neighbour_load_rate, 0);
  assert.ok(coop.neighbour_load_rate > 0, `${coop.neighbour_load_rate}`);
  assert.ok(coop.neighbour_load_rate <= coop.cold_start_rate);
  assert.equal(coop.frames, none.frames);
});

test('cooperation: forward sends a frame whose model is absent to a neighbour that holds it; every frame answered once', () => {
  const sets = ['workload.devices=12', 'edge.count=3', 'edge-models.memory=250000000', 'network.wan.mbps=100', 'edge-models.cooperation=forward'];
  const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios/edge-models.yaml'), ['frames=400', 'warmupFrames=0', 'replications=1', ...sets]);
  const lines: string[] = [];
  const m = runScenario(prepare(scenario, baseDir), { sink: { write: (l) => void lines.push(l) } }).runs[0].metrics;
  assert.equal(m.frames, 12 * 400);
  assert.equal(lines.length, 12 * 400);
  assert.equal(new Set(lines.map((l) => l.split(',').slice(2, 4).join())).size, 12 * 400, 'each (device, seq) once');
  const choice = FRAME_COLUMNS.indexOf('choice');
  const forwarded = lines.filter((l) => l.split(',')[choice] === '4').length;
  assert.ok(forwarded > 0);
  assert.equal(forwarded, Math.round(m.forwarded_rate * m.frames));
  assert.equal(m.neighbour_load_rate, 0, 'forwarding fetches no model');
  assert.ok(Math.abs(m.model_hit_rate + m.cold_start_rate + m.load_join_rate + m.load_refused_rate - 1) < 1e-12);
});

test('every registered strategy passes the strategy contract with two edges (devices alternate between them)', async () => {
  const world = checkWorld(`strategies=[${strategyNames.join(', ')}]`, 'edge.count=2');
  for (const name of strategyNames) {
    const report = await checkStrategy(strategies[name] as StrategyEntry, name, { world, options: world.scenario[name] });
    for (const p of report.properties) assert.ok(p.ok, `${name}: ${p.name}: ${p.detail}`);
  }
});
