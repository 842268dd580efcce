import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const mcsim = fileURLToPath(new URL('../../bin/mcsim.js', import.meta.url));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [mcsim, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const CSV = [
  'strategy,tau,latency_mean,latency_mean_lo,latency_mean_hi',
  'cachenet,0.5,0.041,0.039,0.043',
  'cachenet,1.0,0.035,0.033,0.037',
  'early-exit,0.5,0.052,0.050,0.054',
  'early-exit,1.0,0.047,0.044,0.050',
  'edge-only,,0.094,0.092,0.096',
].join('\n');

test('mcsim chart writes the spec and the SVG; bad columns are one-line errors', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-chart-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const csv = join(dir, 'sweep.csv');
  writeFileSync(csv, CSV);

  const ok = await cli(['chart', csv, '--x', 'tau', '--y', 'latency_mean', '--color', 'strategy', '--y-low', 'latency_mean_lo', '--y-high', 'latency_mean_hi', '--y-title', 'mean latency (s)', '--legend-title', 'offloading']);
  assert.equal(ok.code, 0, ok.stderr);
  const base = join(dir, 'sweep.latency_mean-vs-tau');
  const spec = JSON.parse(readFileSync(`${base}.vl.json`, 'utf8'));
  assert.equal(spec.data.values.length, 4, 'the row without tau is left out');
  assert.equal(spec.data.values[0].tau, 0.5, 'numeric columns are numbers');
  const svg = readFileSync(`${base}.svg`, 'utf8');
  assert.ok(svg.startsWith('<svg') && svg.includes('>mean latency (s)</text>') && svg.includes('>early-exit</text>') && svg.includes('>offloading</text>'));

  const out = join(dir, 'nested', 'bars');
  const bars = await cli(['chart', csv, '--x', 'strategy', '--y', 'latency_mean', '--mark', 'bar', '--where', 'tau=0.50', '--out', out]);
  assert.equal(bars.code, 0, bars.stderr);
  assert.equal(JSON.parse(readFileSync(`${out}.vl.json`, 'utf8')).data.values.length, 2);
  assert.ok(existsSync(`${out}.svg`));

  const bad = await cli(['chart', csv, '--x', 'tau', '--y', 'latency']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr.trim(), `mcsim: ${csv}: no column "latency" (columns: strategy, tau, latency_mean, latency_mean_lo, latency_mean_hi)`);
  assert.ok(!existsSync(join(dir, 'sweep.latency-vs-tau.svg')));
});

test('mcsim chart: size, font, legend title, unit, zero line, facet label and PNG/PDF output', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-chart-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const csv = join(dir, 'sweep.csv');
  writeFileSync(csv, CSV.replaceAll('strategy', 'cachenet.policy'));
  const out = join(dir, 'paper');
  const args = ['chart', csv, '--x', 'tau', '--y', 'latency_mean', '--y-low', 'latency_mean_lo', '--y-high', 'latency_mean_hi', '--facet', 'cachenet.policy'];
  const ok = await cli([...args, '--unit', 'ms', '--zero-line', '--width', '200', '--height', '120', '--font-size', '14', '--format', 'png,pdf', '--format', 'svg', '--out', out]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), `wrote ${out}.vl.json, ${out}.png, ${out}.pdf, ${out}.svg`);
  const spec = JSON.parse(readFileSync(`${out}.vl.json`, 'utf8'));
  assert.deepEqual([spec.spec.width, spec.spec.height, spec.config.axis.labelFontSize], [200, 120, 14]);
  assert.equal(spec.data.values[0].latency_mean_hi, 43, 'seconds drawn in ms, bounds too');
  assert.equal(spec.facet.title, 'policy', 'a facet is titled by its label, not its key path');
  assert.ok(spec.spec.layer.some((l: { encoding: { y?: { datum?: number } } }) => l.encoding.y?.datum === 0), 'a rule at y = 0');
  const svg = readFileSync(`${out}.svg`, 'utf8');
  assert.ok(svg.includes('>latency_mean (ms)</text>'), 'the y title says the unit');
  const png = readFileSync(`${out}.png`);
  assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && png.length > 5000);
  assert.equal(readFileSync(`${out}.pdf`).subarray(0, 5).toString('latin1'), '%PDF-');

  const bad = await cli([...args, '--format', 'gif']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim(), 'mcsim: --format: "gif" is not one of svg, png, pdf (see mcsim chart --help)');
  const zero = await cli([...args, '--width', '0']);
  assert.equal(zero.code, 2);
  assert.match(zero.stderr, /--width: expected a positive whole number, got 0/);
});
