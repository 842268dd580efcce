/**
 * docs/data.md runs: every example file in docs/data/ is shown verbatim (a fenced block whose info
 * string has `file=<path>`) and loaded by its reader here, and every wrong input (a block with
 * `bad=<reader> name=<file name>`, followed by a line `Error: \`<message>\``) gives exactly that
 * one-line error, `FILE` standing for the path it was written to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/errors.js';
import { layerHardware, readHardwareRows, readHardwareTable } from '../../src/models/hardware.js';
import { readCsvProfile } from '../../src/models/layer-profile.js';
import { readBandwidthTrace } from '../../src/models/network-trace.js';
import { readOutcomeTable, readProbTable } from '../../src/models/outcome-table.js';
import { readFrameCsv } from '../../src/traces/frame-csv.js';
import { readCacheTrace } from '../../src/traces/read-trace.js';
import { readTimelines } from '../../src/traces/timeline.js';
import { readAssociation } from '../../src/world/association.js';
import { mcsimAsync } from '../cli/helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = readFileSync(join(ROOT, 'docs/data.md'), 'utf8');
const at = (rel: string) => join(ROOT, rel);

interface Block {
  info: Record<string, string>;
  body: string;
  /** The text after the closing fence. */
  after: string;
}

/** Fenced blocks (possibly indented in a list) with their `key=value` info words. */
function blocks(md: string): Block[] {
  const out: Block[] = [];
  const fence = /^( *)```(\S*)([^\n]*)\n([\s\S]*?)^\1```\n/gm;
  for (let m; (m = fence.exec(md)); ) {
    const info = Object.fromEntries([...m[3].matchAll(/(\w+)=(\S+)/g)].map((w) => [w[1], w[2]]));
    const body = m[4].split('\n').map((l) => l.slice(m![1].length)).join('\n');
    out.push({ info, body, after: md.slice(fence.lastIndex) });
  }
  return out;
}

const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);

/** Each example file and what loading it must give. */
const LOADS: Record<string, (path: string) => Promise<void> | void> = {
  'my-model.csv': (p) => {
    assert.throws(() => readProbTable(p), InputError, 'the 2-decimal example needs its tolerance');
    const t = readProbTable(p, { sumTolerance: 0.015, renormalize: true });
    assert.deepEqual([t.n, t.classes, [...t.labels]], [4, 3, [2, 0, 1, 2]]);
    assert.ok(Math.abs(t.probs[6] + t.probs[7] + t.probs[8] - 1) < 1e-6, "float32 rows sum to 1");
    assert.match(t.source, /largest correction 0\.010 at line 4/);
  },
  'my-outcomes.csv': (p) => {
    const m = readOutcomeTable(p, 'm');
    assert.deepEqual([...m.pred], [1, 1, 1]);
    assert.ok(m.entropy && m.margin);
  },
  'my-hardware.json': (p) => {
    const base = at('data/hardware.json');
    const { table, overrides } = layerHardware([
      { from: '../data/hardware.json', rows: readHardwareRows(base) },
      { from: 'my-hardware.json', rows: readHardwareRows(p) },
    ]);
    assert.deepEqual(overrides, ['hardware: my-hardware.json replaces the row of model "mobilenet_v2" on "rpi4-cpu4" from ../data/hardware.json']);
    assert.ok(DOC.replace(/\s+/g, ' ').includes(`note: ${overrides[0]}`), 'the doc quotes the note as printed');
    assert.equal(table.get('my-board', 'mobilenet_v2').latency.kind, 'empirical');
    assert.equal(table.rows().length, readHardwareTable(base).rows().length + 2);
  },
  'rates.csv': (p) => {
    const up = readBandwidthTrace(p, { column: 'up' });
    assert.equal(up.duration, 4);
    near(up.meanMbps, (4.5 + 3.9 + 0.8 + 5.2) / 4);
    near(readBandwidthTrace(p, { column: 'down' }).meanMbps, (21 + 18.2 + 6.5 + 24.9) / 4);
  },
  'rates.txt': (p) => {
    const t = readBandwidthTrace(p);
    assert.equal(t.duration, 3);
    near(t.meanMbps, (3.9 + 0.8 + 5.2) / 3);
  },
  'packets.up': (p) => {
    const t = readBandwidthTrace(p);
    assert.equal(t.duration, 1);
    near(t.meanMbps, (7 * 1500 * 8) / 1e6);
  },
  'frames.csv': (p) => {
    const rows = readFrameCsv(p, 2);
    assert.deepEqual(rows.map((r) => r.length / 6), [5, 3]);
  },
  'association.csv': (p) => {
    const h = readAssociation(p, 2, 2);
    assert.deepEqual(h.map((d) => [[...d.times], [...d.edges]]), [[[0, 120], [0, 1]], [[0, 60], [0, 1]]]);
  },
  'timeline.csv': (p) => {
    const t = readTimelines(p);
    assert.deepEqual(t.map((v) => [v.video, v.start.length]), [['kitchen-a', 3], ['kitchen-b', 1]]);
  },
  'requests.txt': async (p) => {
    const t = await readCacheTrace(p);
    assert.equal(t.keys.length, 6);
  },
  'requests.csv': async (p) => {
    const t = await readCacheTrace(p, { csv: { id: 'key', size: 'size', time: 'time', header: true } });
    assert.equal(t.keys.length, 6);
    assert.deepEqual([...t.keys.slice(0, 3)], [t.keys[0], t.keys[1], t.keys[0]]);
  },
  'layers.csv': (p) => {
    const prof = readCsvProfile(p);
    assert.equal(prof.inputBytes, 150528);
    assert.deepEqual(prof.layers.map((l) => l.name), ['conv1', 'pool1', 'fc']);
    near(prof.layers[0].deviceS, 0.0121);
  },
};

const READERS: Record<string, (path: string) => unknown> = {
  probs: (p) => readProbTable(p),
  hardware: (p) => readHardwareTable(p),
  bandwidth: (p) => readBandwidthTrace(p),
  frames: (p) => readFrameCsv(p, 2),
  timeline: (p) => readTimelines(p),
  association: (p) => readAssociation(p, 2, 2),
  trace: (p) => readCacheTrace(p),
  layers: (p) => readCsvProfile(p),
};

test('docs/data.md: every example file is shown verbatim and loads', async () => {
  const shown = blocks(DOC).filter((b) => b.info.file);
  for (const b of shown) assert.equal(b.body, readFileSync(at(b.info.file), 'utf8'), `${b.info.file} differs from its block in docs/data.md`);
  const files = readdirSync(at('docs/data')).sort();
  assert.deepEqual(shown.map((b) => b.info.file.replace('docs/data/', '')).sort(), files, 'every file of docs/data/ is shown');
  assert.deepEqual(Object.keys(LOADS).sort(), files, 'every file of docs/data/ is loaded here');
  for (const f of files) await LOADS[f](at(`docs/data/${f}`));
});

test('docs/data.md: every wrong input gives the documented one-line error', async () => {
  const bad = blocks(DOC).filter((b) => b.info.bad);
  assert.ok(bad.length >= 7, `${bad.length} wrong-input examples`);
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-data-docs-'));
  try {
    for (const b of bad) {
      const expected = /^\s*Error: `(.*)`\n/.exec(b.after);
      assert.ok(expected, `the ${b.info.name} example has its Error line right after the block`);
      const path = join(dir, b.info.name);
      writeFileSync(path, b.body);
      const reader = READERS[b.info.bad];
      assert.ok(reader, `no reader ${b.info.bad}`);
      await assert.rejects(async () => reader(path), (e: Error) => {
        assert.ok(e instanceof InputError, `${b.info.name}: ${e.stack}`);
        assert.equal(e.message, expected[1].replace('FILE', path));
        return true;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('docs/data.md: a layered hardware table and a layer CSV validate in scenarios; the override note is printed', async () => {
  const r = await mcsimAsync(['validate', 'scenarios/default.yaml', '--set', 'hardware.table=[../data/hardware.json, ../docs/data/my-hardware.json]']);
  assert.equal(r.status, 0, r.stderr);
  const split = await mcsimAsync(['validate', 'scenarios/all-strategies.yaml', '--set', 'split.profile={kind: csv, path: ../docs/data/layers.csv}']);
  assert.equal(split.status, 0, split.stderr);
  assert.match(r.stdout, /^note: hardware: \.\.\/docs\/data\/my-hardware\.json replaces the row of model "mobilenet_v2" on "rpi4-cpu4" from \.\.\/data\/hardware\.json$/m);
});
