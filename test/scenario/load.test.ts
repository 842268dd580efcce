import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/errors.js';
import { applySets, loadScenario, parseScenario, readScenarioFile } from '../../src/scenario/load.js';
import { TINY } from './helpers.js';

const withSets = (...sets: string[]) => {
  const raw = readScenarioFile(TINY);
  applySets(raw, sets);
  return () => parseScenario(raw, 'tiny.yaml');
};

test('defaults are filled in; --set overrides keep YAML types', () => {
  const s = withSets('cachenet.tau=0.25', 'device.cache.slots=4', 'strategies=[cachenet]')();
  assert.equal(s.cachenet.tau, 0.25);
  assert.equal(s.cachenet.policy, 'lru');
  assert.equal(s.device.cache.slots, 4);
  assert.deepEqual(s.strategies, ['cachenet']);
  assert.equal(s.network.sharing, 'fifo');
});

test('unknown keys and wrong types name the key path and what was expected', () => {
  assert.throws(() => withSets('workload.fps=3')(), (e: unknown) => e instanceof InputError && /workload/.test(e.message) && /fps/.test(e.message));
  assert.throws(withSets('frames=many'), (e: unknown) => e instanceof InputError && /frames: .*number/i.test(e.message));
  assert.throws(withSets('strategies=[teleport]'), (e: unknown) => e instanceof InputError && /strategies\[0\]/.test(e.message));
  assert.throws(withSets('cachenet.policy=lirs'), (e: unknown) => e instanceof InputError && /cachenet\.policy/.test(e.message));
  assert.throws(withSets('warmupFrames=200'), (e: unknown) => e instanceof InputError && /warmupFrames: .*below frames/.test(e.message));
  assert.throws(withSets('network.uplink={rtt: 0.1}'), (e: unknown) => e instanceof InputError && /network\.uplink.*mbps or trace/.test(e.message));
});

test('syntax errors name the line; missing files are one-line errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-'));
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'name: x\nworkload: [1, 2\n');
  assert.throws(() => loadScenario(bad), (e: unknown) => e instanceof InputError && e.message.startsWith(`${bad}:`));
  assert.throws(() => loadScenario(join(dir, 'none.yaml')), (e: unknown) => e instanceof InputError && /cannot read scenario/.test(e.message));
  assert.throws(() => applySets({}, ['novalue']), /expected key.path=value/);
});

test('an empty file and missing keys say so', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-'));
  const empty = join(dir, 'empty.yaml');
  writeFileSync(empty, '\n');
  assert.throws(() => loadScenario(empty), /the file is empty/);
  const partial = join(dir, 'partial.yaml');
  writeFileSync(partial, 'frames: 10\n');
  assert.throws(() => loadScenario(partial), /workload: missing \(expected object\)/);
});

test('--set and grid keys: only paths of the schema, never __proto__, constructor or prototype', () => {
  for (const bad of ['__proto__.polluted', 'cachenet.constructor', 'prototype', 'strategies.x', 'cachenet.x', 'frames.x', 'network.uplink.mbps.y']) {
    assert.throws(() => applySets({}, [`${bad}=1`]), (e: unknown) => e instanceof InputError && e.message.startsWith(`--set ${bad}:`), bad);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // Records take any key, lists a number, unions the keys of any member.
  const raw: Record<string, unknown> = {};
  applySets(raw, ['outcomes.tables.vgg=a.csv', 'strategies.0=cachenet', 'outcomes.path=t.csv', 'workload.arrivals.fps=5', 'sweep.grid.x=[1]']);
  assert.deepEqual(raw.outcomes, { tables: { vgg: 'a.csv' }, path: 't.csv' });
  assert.throws(() => applySets({}, ['cachenet.tau=[1,2']), /--set cachenet\.tau: the value is not valid YAML \(Flow sequence must end with a \]\)$/);
});

test('a YAML syntax error names its line, also at the end of the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-'));
  const bad = join(dir, 'm.yaml');
  writeFileSync(bad, 'name: x\nframes: [1, 2\n');
  assert.throws(() => loadScenario(bad), (e: unknown) => e instanceof InputError && e.message.startsWith(`${bad}:2: `));
});

test('an alias without its anchor names its line; an alias bomb is refused, not expanded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-'));
  const unresolved = join(dir, 'u.yaml');
  writeFileSync(unresolved, 'name: x\ncachenet:\n  policy: *lfu\n');
  assert.throws(() => readScenarioFile(unresolved), (e: unknown) => e instanceof InputError && e.message === `${unresolved}:3: Unresolved alias (the anchor must be set before the alias): lfu`);
  const bomb = join(dir, 'b.yaml');
  const levels = ['a: &a [1,1,1,1,1,1,1,1,1]'];
  for (const [prev, cur] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f']]) levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  writeFileSync(bomb, `${levels.join('\n')}\n`);
  assert.throws(() => readScenarioFile(bomb), (e: unknown) => e instanceof InputError && /b\.yaml: Excessive alias count/.test(e.message));
});

test('a sweep file given where a scenario is expected says so', () => {
  assert.throws(() => loadScenario(fileURLToPath(new URL('../../scenarios/tau-sweep.yaml', import.meta.url))), /tau-sweep\.yaml: this is a sweep file \(scenario \+ grid\), not a scenario; run it with mcsim sweep, or give its scenario \(default\.yaml\)/);
});
