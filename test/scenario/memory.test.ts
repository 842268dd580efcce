import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/load.js';
import { estimateResources } from '../../src/scenario/resources.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIO = join(ROOT, 'scenarios/default.yaml');
// The stated tolerance of scenario/resources.ts: the estimate is within these factors of the measured peak.
const LOW = 0.8, HIGH = 1.6;

/** Peak resident set (bytes, every thread) of `mcsim run` with these overrides and flags. */
function peakRss(sets: string[], flags: string[]): number {
  const out = mkdtempSync(join(tmpdir(), 'mcsim-rss-'));
  try {
    const args = ['--import', join(ROOT, 'test/fixtures/max-rss.mjs'), join(ROOT, 'bin/mcsim.js'), 'run', SCENARIO, ...sets.flatMap((s) => ['--set', s]), ...flags, '--out', out, '--quiet'];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT });
    assert.equal(r.status, 0, r.stderr);
    const m = /max-rss-bytes (\d+)/.exec(r.stderr);
    assert.ok(m, r.stderr);
    return Number(m[1]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const BASE = ['warmupFrames=0', 'replications=1'];
const cases: Array<{ name: string; sets: string[]; flags?: string[]; threads?: number }> = [
  { name: 'one device', sets: ['frames=50'] },
  // The case: 10,000 devices with processor sharing took 4-5 GB against an estimate of 0.36 GB.
  { name: '10,000 devices, processor sharing', sets: ['frames=20', 'workload.devices=10000', 'network.sharing=ps'] },
  { name: '2,000 devices, FIFO links', sets: ['frames=20', 'workload.devices=2000', 'network.sharing=fifo'] },
  { name: '60,000 frames', sets: ['frames=60000'] },
  { name: '200 replications', sets: ['frames=50', 'replications=200'] },
  { name: 'two worker threads', sets: ['frames=50'], flags: ['--workers', '2'], threads: 2 },
  { name: 'a million edge workers', sets: ['frames=50', 'edge.workers=1000000'] },
  { name: '1,000 devices with the per-frame log', sets: ['frames=50', 'workload.devices=1000'], flags: ['--per-frame'] },
];

for (const c of cases) {
  test(`memory estimate within [${LOW}, ${HIGH}] of the peak RSS of a real run: ${c.name}`, () => {
    const sets = [...BASE, ...c.sets];
    const { scenario } = loadScenario(SCENARIO, sets);
    const estimate = estimateResources(scenario, { workers: c.threads ?? 1 }).memoryBytes;
    const rss = peakRss(sets, c.flags ?? []);
    const ratio = estimate / rss;
    assert.ok(ratio >= LOW && ratio <= HIGH, `estimate ${(estimate / 1e6).toFixed(0)} MB, peak RSS ${(rss / 1e6).toFixed(0)} MB: ratio ${ratio.toFixed(2)}`);
  });
}
