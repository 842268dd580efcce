/**
 * The import graph of src/ (type imports included) and module-level state, against DESIGN.md's rules:
 * imports run downward only (cli -> check -> run -> scenario -> report, mrc -> strategies -> world ->
 * policies, models, traces -> sim; folders after one arrow are peers), no cycles, `sim/` imports nothing outside itself,
 * `report/` nothing from `strategies/`, and no module-level mutable state outside `src/cli`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { folderOf, moduleState, readSources, type Source } from './sources.js';

const sources = readSources();

/**
 * Layers from the top: a file may import its own folder and any lower layer; folders in one layer
 * (peers) may import each other as long as no cycle forms. `index.ts` is the public API over all;
 * `errors.ts` is below all.
 */
const LAYERS: Record<string, number> = {
  'index.ts': 11,
  // The plugin entry point (mcsim/plugin), a public surface like index.ts.
  'plugin.ts': 11,
  cli: 10,
  // The contract suites run strategies in a world through the run's loop; the CLI calls them.
  check: 9,
  // Executing runs: the loop that calls the strategies, runs of a scenario, sweeps and their workers.
  run: 8,
  scenario: 7,
  report: 6,
  mrc: 6,
  strategies: 5,
  // What a strategy builds on: the world, the frame table, the recorder, the metric catalogue.
  world: 4,
  policies: 3,
  models: 3,
  traces: 3,
  sim: 1,
  'errors.ts': 0,
};
const layerOf = (path: string) => {
  const key = folderOf(path) === '.' ? path : folderOf(path);
  assert.ok(key in LAYERS, `src/${path}: its folder has no layer in this test (add it to LAYERS)`);
  return LAYERS[key];
};

/** Arrows `a -> b` between files, for the rule. */
const arrows = (keep: (from: Source, to: string) => boolean) => sources.flatMap((s) => s.imports.filter((i) => keep(s, i)).map((i) => `${s.path} -> ${i}`)).sort();

/** Import cycles: the strongly connected components of more than one file (Tarjan). */
function cycles(): string[][] {
  const graph = new Map(sources.map((s) => [s.path, s.imports]));
  const index = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>(), stack: string[] = [];
  const found: string[][] = [];
  const connect = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

test('the scan sees the sources and their imports (type imports included)', () => {
  assert.ok(sources.length > 80, `${sources.length} files`);
  const world = sources.find((s) => s.path === 'strategies/strategy.ts');
  assert.ok(world && world.imports.length >= 2, 'strategy.ts imports types');
});

test('no import cycle among src files, type imports included', () => {
  assert.deepEqual(cycles(), []);
});

test('imports run downward: a file imports its own folder, a peer folder or a lower layer', () => {
  assert.deepEqual(arrows((s, i) => folderOf(s.path) !== folderOf(i) && layerOf(i) > layerOf(s.path)), []);
});

test('sim/ imports nothing outside sim/ (a general kernel); report/ imports nothing from strategies/', () => {
  assert.deepEqual(arrows((s, i) => folderOf(s.path) === 'sim' && folderOf(i) !== 'sim'), []);
  assert.deepEqual(arrows((s, i) => folderOf(s.path) === 'report' && folderOf(i) === 'strategies'), []);
});

test('no module-level mutable state outside src/cli', () => {
  const state = sources.filter((s) => folderOf(s.path) !== 'cli').flatMap((s) => moduleState(s).map((f) => `${s.path}: ${f}`));
  assert.deepEqual(state, []);
});
