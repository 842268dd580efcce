/**
 * The truth is seen only by the scorer, end to end. Each bundled scenario is run twice from files: once
 * on copies of its outcome tables, once on copies whose labels are permuted (class c becomes c + 3 mod
 * C; a per-sample table's `<m>_correct` rescored), both read by prepare as a user's run reads them. For
 * every strategy, every decision, latency, hit, download and joule must be identical; only what is
 * scored against the truth may differ (the catalogue's `scoredAgainstTruth` metrics and the recorder's
 * TRUTH_COLUMNS: src/check/strategy.ts decisionDifference). Because the labels change before prepare, a
 * leak in what prepare derives for strategies (the encoder's hints) shows too: the last test plants one.
 *
 * Held fixed: the frames shown. Nature reads labels by design (a scene of class c shows test images of
 * class c), so both runs replay one frame file (t, device, sample, bytes) written from the scenario's
 * own generated stream: the same samples at the same times, whatever their labels now say.
 * Not relabelled: a parametric outcome model has no table, and draws its answers from its own labels
 * (a model of nature); its strategies are checked by the strategy contract's in-world relabelling.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decisionDifference } from '../../src/check/strategy.js';
import { columnIndex, readCsv } from '../../src/models/read-table.js';
import { frameSources, simulateRun } from '../../src/run/simulate.js';
import { applySets, parseScenario, readScenarioFile } from '../../src/scenario/load.js';
import { prepare, type Prepared } from '../../src/scenario/prepare.js';
import { emptyFrame } from '../../src/traces/frame.js';
import { scenarioFiles } from './helpers.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const SHORT = ['frames=300', 'warmupFrames=30', 'replications=1'];
const SHIFT = 3;

type Raw = Record<string, any>;

/** The scenario file with `sets` applied, as data (paths still relative to its folder). */
function raw(file: string, sets: string[]): Raw {
  const data = readScenarioFile(join(SCENARIOS, file));
  applySets(data, [...SHORT, ...sets]);
  return data;
}

const prepared = (file: string, data: Raw): Prepared => prepare(parseScenario(data, join(SCENARIOS, file)), dirname(join(SCENARIOS, file)));

/** A copy of a CSV outcome table with every label shifted by `shift` classes, and each `<m>_correct` rescored. */
function writeRelabelled(from: string, to: string, shift: number, classes: number): void {
  const t = readCsv(from);
  const label = columnIndex(t, 'label');
  const rescored = t.header.flatMap((h, c) => (h.endsWith('_correct') ? [[c, columnIndex(t, `${h.slice(0, -'_correct'.length)}_pred`)]] : []));
  const rows = t.records.map((r) => {
    const cells = [...r];
    const l = (Number(r[label]) + shift) % classes;
    cells[label] = String(l);
    for (const [c, pred] of rescored) cells[c] = Number(r[pred]) === l ? '1' : '0';
    return cells.join(',');
  });
  writeFileSync(to, `${[t.header.join(','), ...rows].join('\n')}\n`);
}

/** The frames of replication 0 of `p`, every device's, as a frame file naming samples. */
function writeFrames(p: Prepared, to: string): void {
  const lines = ['t,device,sample,bytes'];
  const f = emptyFrame();
  for (const source of frameSources(p, 0)) while (source.next(f)) lines.push(`${f.t},${f.device},${f.sample},${f.bytes}`);
  writeFileSync(to, `${lines.join('\n')}\n`);
}

/**
 * The scenario on its tables' copies relabelled by 0 and by SHIFT classes, replaying its own frames;
 * with each strategy's first difference outside what is scored against the truth, and its accuracy
 * either way (the permutation is no no-op: the scorer does see the labels).
 */
function relabelled(file: string, sets: string[] = []) {
  const original = raw(file, sets);
  const p = prepared(file, original);
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-relabel-'));
  try {
    const frames = join(dir, 'frames.csv');
    writeFrames(p, frames);
    const copy = (shift: number): Prepared => {
      const data: Raw = structuredClone(original);
      const into = join(dir, `shift-${shift}`);
      mkdirSync(into);
      const relabel = (path: string, name: string) => {
        const to = join(into, `${name}.csv`);
        writeRelabelled(resolve(dirname(join(SCENARIOS, file)), path), to, shift, p.outcomes.classes);
        return to;
      };
      const o = data.outcomes;
      if (o.kind === 'empirical') for (const name of Object.keys(o.tables)) o.tables[name] = relabel(o.tables[name], name);
      else o.path = relabel(o.path, 'table');
      delete data.workload.timeline;
      data.workload.trace = frames;
      return prepared(file, data);
    };
    const same = copy(0), shifted = copy(SHIFT);
    return p.scenario.strategies.map((name) => ({
      name,
      difference: decisionDifference(same, shifted, name),
      accuracy: [same, shifted].map((q) => simulateRun(q, name, 0).metrics.accuracy),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const file of scenarioFiles()) {
  const kind = readScenarioFile(join(SCENARIOS, file)).outcomes as Raw;
  const skip = kind.kind === 'parametric' && 'parametric outcomes: no table to relabel, answers drawn from the model\'s own labels';
  test(`scenarios/${file}: labels permuted in the outcome tables before prepare change only what is scored against the truth, for every strategy`, { skip }, () => {
    const runs = relabelled(file);
    assert.ok(runs.length >= 1);
    for (const r of runs) {
      assert.equal(r.difference, undefined, `${file} ${r.name}: with the labels shifted by ${SHIFT} classes the strategy decided differently (before -> after): ${r.difference}`);
      assert.notEqual(r.accuracy[0], r.accuracy[1], `${file} ${r.name}: the scorer does see the labels`);
    }
  });
}

test('the test sees a leak planted in prepare: with hints from the true label (the oracle encoder, computed when the scenario is prepared) cachenet decides differently', () => {
  const [cachenet] = relabelled('all-strategies.yaml', ['strategies=[cachenet]', 'models.encoder.outcome=oracle']);
  assert.ok(cachenet.difference !== undefined, 'the relabelled run should differ');
  // The hint is logged per frame (`part`); a cached partition then answers or not, so where changes too.
  assert.match(cachenet.difference, /part|where|choice/);
});
