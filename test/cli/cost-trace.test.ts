/**
 * `mcsim run --export-cost-trace` as a user runs it: one CSV and one oracleGeneral file per run and
 * edge in cost-traces/, which mcsim mrc replays; a later run without the flag into the same folder
 * removes them with the rest of the old report (no mix of old and new files); a scenario without cache
 * requests says that it wrote none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mcsimAsync } from './helpers.js';

const SHORT = ['--set', 'frames=200', '--set', 'warmupFrames=0', '--set', 'replications=2', '--quiet'];

test('--export-cost-trace writes each run\'s requests per edge; mcsim mrc replays them; the next run replaces them', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'mcsim-cost-cli-')), 'report');
  const r = await mcsimAsync(['run', 'scenarios/edge-models.yaml', ...SHORT, '--set', 'edge.count=2', '--export-cost-trace', '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /, cost-traces\/\n/);
  const files = readdirSync(join(out, 'cost-traces')).sort();
  assert.deepEqual(files, ['edge-models-r0-edge0.csv', 'edge-models-r0-edge0.oracleGeneral.bin', 'edge-models-r0-edge1.csv', 'edge-models-r0-edge1.oracleGeneral.bin',
    'edge-models-r1-edge0.csv', 'edge-models-r1-edge0.oracleGeneral.bin', 'edge-models-r1-edge1.csv', 'edge-models-r1-edge1.oracleGeneral.bin']);
  const mrc = await mcsimAsync(['mrc', join(out, 'cost-traces/edge-models-r0-edge1.oracleGeneral.bin'), '--bytes', '--size', '396512184', '--policy', 'lru,belady-size', '--no-curve', '--trust-next', '--out', join(out, '..', 'mrc')]);
  assert.equal(mrc.status, 0, mrc.stderr);
  assert.match(mrc.stdout, /2000 requests/, 'edge 1 serves the odd devices: 10 of 20, 200 frames each');
  const again = await mcsimAsync(['run', 'scenarios/edge-models.yaml', ...SHORT, '--out', out]);
  assert.equal(again.status, 0, again.stderr);
  assert.ok(!existsSync(join(out, 'cost-traces')) || readdirSync(join(out, 'cost-traces')).length === 0, 'the old traces went with the old report');
  const none = await mcsimAsync(['run', 'scenarios/default.yaml', ...SHORT, '--export-cost-trace', '--out', join(out, '..', 'default')]);
  assert.equal(none.status, 0, none.stderr);
  assert.match(none.stdout, /note: --export-cost-trace: no strategy of this scenario made cache requests/);
});
