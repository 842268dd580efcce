import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/errors.js';
import { policies } from '../../src/policies/registry.js';
import { loadScenario, openScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { ScenarioFiles } from '../../src/scenario/files.js';
import { runScenario } from '../../src/run/run.js';
import { loadPlugin, pluginHash } from '../../src/scenario/plugins.js';
import { registriesOf } from '../../src/scenario/registries.js';
import { openSweep } from '../../src/run/sweep.js';
import { mergeSweeps, runSweep, sweepPlugins, sweepTable } from '../../src/run/sweep-run.js';
import { FIXTURES } from './helpers.js';

const PLUGINS = `${FIXTURES}plugins/`;
const SRC_PLUGIN = fileURLToPath(new URL('../../src/plugin.ts', import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'mcsim-plugins-'));
const isInput = (re: RegExp) => (e: unknown) => e instanceof InputError && re.test(e.message) && !e.message.includes('\n');

/** The fixture plugins and a sweep over `grid` in a folder of their own (the plugins import mcsim by absolute path). */
function project(grid: string): string {
  const dir = tmp();
  cpSync(`${FIXTURES}tiny.yaml`, join(dir, 'tiny.yaml'));
  cpSync(`${FIXTURES}hardware.json`, join(dir, 'hardware.json'));
  for (const f of ['window-lfu.ts', 'window.ts', 'bw-gate.ts']) {
    writeFileSync(join(dir, f), readFileSync(`${PLUGINS}${f}`, 'utf8').replace("'../../../src/plugin.js'", JSON.stringify(SRC_PLUGIN)));
  }
  const set = '{replications: 1, frames: 400, workload.scene.meanRun: 3, strategies: [cachenet, ./bw-gate.ts], bw-gate: {minMbps: 4}}';
  writeFileSync(join(dir, 'sweep.yaml'), `scenario: tiny.yaml\nset: ${set}\ngrid: ${grid}\n`);
  return dir;
}

async function sweepRows(dir: string, out: string, o: { workers: number; shard?: { index: number; count: number }; resume?: boolean }) {
  const { spec, registries } = await openSweep(join(dir, 'sweep.yaml'));
  return sweepTable(await runSweep(spec, { out, registries, ...o })).rows;
}

test('a plugin policy and strategy sweep byte-identically inline, on 2 workers and as 2 merged shards, and differ from every built-in policy', async () => {
  const dir = project('{cachenet.policy: [./window-lfu.ts], cachenet.tau: [0, 0.2]}');
  const inline = JSON.stringify(await sweepRows(dir, join(dir, 'w1'), { workers: 1 }));
  assert.equal(JSON.stringify(await sweepRows(dir, join(dir, 'w2'), { workers: 2 })), inline);
  for (const index of [0, 1]) await sweepRows(dir, join(dir, `s${index}`), { workers: 1, shard: { index, count: 2 } });
  const shards = [join(dir, 's0'), join(dir, 's1')];
  assert.equal(JSON.stringify(sweepTable(mergeSweeps(shards, await registriesOf(sweepPlugins(shards[0])))).rows), inline);

  const rows = JSON.parse(inline) as Array<Record<string, unknown>>;
  assert.ok(rows.some((r) => r.strategy === 'bw-gate' && typeof r.offload_rate === 'number'), 'the plugin strategy ran and reported its metric');
  const builtins = Object.keys(policies).filter((p) => !policies[p as keyof typeof policies].needsFuture);
  const other = project(`{cachenet.policy: [${builtins.join(', ')}], cachenet.tau: [0, 0.2]}`);
  const theirs = await sweepRows(other, join(other, 'out'), { workers: 2 });
  const metrics = (r: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'point' && k !== 'cachenet.policy')));
  for (const mine of rows.filter((r) => r.strategy === 'cachenet')) {
    for (const r of theirs.filter((t) => t.strategy === 'cachenet' && t['cachenet.tau'] === mine['cachenet.tau'])) {
      assert.notEqual(metrics(r), metrics(mine), `window-lfu gives the numbers of ${String(r['cachenet.policy'])}`);
    }
  }
});

test("a sweep grid may vary a plugin strategy's options, as a built-in strategy's", async () => {
  const dir = project('{bw-gate.minMbps: [4, 16]}');
  const rows = await sweepRows(dir, join(dir, 'out'), { workers: 1 });
  const rate = (minMbps: number) => rows.find((r) => r.strategy === 'bw-gate' && r['bw-gate.minMbps'] === minMbps)?.offload_rate;
  assert.deepEqual([rate(4), rate(16)], [1, 0], 'the 8 Mbit/s uplink is fast enough for 4, not for 16');
});

test('resume and merge refuse a folder made with other plugin code, naming the plugin (its imported module is hashed too)', async () => {
  const dir = project('{cachenet.policy: [./window-lfu.ts]}');
  await sweepRows(dir, join(dir, 'out'), { workers: 1 });
  await sweepRows(dir, join(dir, 's0'), { workers: 1, shard: { index: 0, count: 1 } });
  const before = pluginHash(join(dir, 'window-lfu.ts'));
  writeFileSync(join(dir, 'window.ts'), 'export const WINDOW = 4;\n');
  assert.notEqual(pluginHash(join(dir, 'window-lfu.ts')), before);
  await assert.rejects(sweepRows(dir, join(dir, 'out'), { workers: 1, resume: true }), isInput(/other plugin code: plugin window-lfu differs/));
  await assert.rejects(registriesOf(sweepPlugins(join(dir, 's0'))), isInput(/plugin window-lfu .* has changed/));
});

test('a scenario names plugins by path; the resolved scenario names them by their declared names', async () => {
  const dir = project('{cachenet.tau: [0]}');
  writeFileSync(join(dir, 'scenario.yaml'), 'scenario: x\n');
  const sets = ['strategies=[cachenet, ./bw-gate.ts]', 'cachenet.policy=./window-lfu.ts', 'bw-gate.minMbps=2', 'frames=50'];
  const cwd = process.cwd();
  process.chdir(dir); // --set paths resolve against the working folder
  try {
    const loaded = await openScenario(join(dir, 'tiny.yaml'), sets);
    assert.deepEqual(loaded.scenario.strategies, ['cachenet', 'bw-gate']);
    assert.equal(loaded.scenario.cachenet.policy, 'window-lfu');
    assert.deepEqual((loaded.scenario as unknown as Record<string, unknown>)['bw-gate'], { minMbps: 2 });
    assert.deepEqual(loaded.registries.plugins.map((p) => [p.kind, p.name]), [['strategy', 'bw-gate'], ['policy', 'window-lfu']]);
    await assert.rejects(openScenario(join(dir, 'tiny.yaml'), [...sets, 'bw-gate.minMbps=-1']), isInput(/bw-gate\.minMbps/));
    await assert.rejects(openScenario(join(dir, 'tiny.yaml'), ['cachenet.prefetch.predictor=./window-lfu.ts']), isInput(/is a policy plugin, but this key names a predictor/));
    assert.throws(() => loadScenario(join(dir, 'tiny.yaml'), sets), isInput(/names a plugin module/));
  } finally {
    process.chdir(cwd);
  }
});

test('a module of the wrong shape is one line naming the file and the missing member', async () => {
  await assert.rejects(loadPlugin(`${PLUGINS}broken-no-create.mjs`), isInput(/broken-no-create\.mjs: the default export has no 'create'/));
  await assert.rejects(loadPlugin(`${PLUGINS}window.ts`), isInput(/window\.ts: the default export has no entry/));
  await assert.rejects(loadPlugin(`${PLUGINS}missing.ts`), isInput(/missing\.ts: no such plugin module/));
});

test("a plugin strategy written for mcsim 0.1 (OnDevice.run given joules, not the energy source) runs with the same numbers", async () => {
  const dir = project('{}');
  const old = readFileSync(join(dir, 'bw-gate.ts'), 'utf8').replace('local.run(slot, t, device.energy);', 'local.run(slot, t, device.energy(t));');
  assert.notEqual(old, readFileSync(join(dir, 'bw-gate.ts'), 'utf8'), 'the fixture has the call this test rewrites');
  writeFileSync(join(dir, 'bw-gate-0.1.ts'), old.replace("name: 'bw-gate'", "name: 'bw-gate-0-1'").replace("strategyMetrics('bw-gate'", "strategyMetrics('bw-gate-0-1'"));
  const run = async (plugin: string) => {
    const { scenario, baseDir, registries } = await openScenario(join(dir, 'tiny.yaml'), ['replications=1', 'frames=200', `strategies=[${join(dir, plugin)}]`, `${plugin === 'bw-gate.ts' ? 'bw-gate' : 'bw-gate-0-1'}={minMbps: 1000}`]);
    const m = runScenario(prepare(scenario, baseDir, new ScenarioFiles(), registries)).summary[0].metrics;
    return Object.fromEntries(Object.entries(m).filter(([k]) => k.startsWith('energy_') || k.startsWith('latency_')));
  };
  assert.deepEqual(await run('bw-gate-0.1.ts'), await run('bw-gate.ts'));
});
