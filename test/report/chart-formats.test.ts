/**
 * Every automatic chart of a run report and of a sweep report, and every figure in docs/figures, exports
 * to PNG and PDF with the bundled font (mcsim mrc's chart: test/cli/mrc.test.ts): valid files (PNG signature, PDF header) of more than a trivial size.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { svgToPdf, svgToPng } from '../../src/report/chart-formats.js';
import { writeRunReport } from '../../src/report/run-report.js';
import { writeSweepReport } from '../../src/report/sweep-report.js';
import { runScenario } from '../../src/run/run.js';
import { loadSweep } from '../../src/run/sweep.js';
import { runSweep, sweepTable } from '../../src/run/sweep-run.js';
import { FIXTURES, tiny } from '../scenario/helpers.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function exportsAll(dir: string): Promise<number> {
  const svgs = readdirSync(dir).filter((f) => f.endsWith('.svg'));
  for (const f of svgs) {
    const svg = readFileSync(join(dir, f), 'utf8');
    const png = Buffer.from(await svgToPng(svg));
    assert.ok(png.subarray(0, 8).equals(PNG) && png.length > 10_000, `${f}: PNG of ${png.length} bytes`);
    const pdf = Buffer.from(await svgToPdf(svg));
    assert.ok(pdf.subarray(0, 5).toString('latin1') === '%PDF-' && pdf.length > 5_000, `${f}: PDF of ${pdf.length} bytes`);
    assert.match(pdf.toString('latin1'), /DejaVuSans/, `${f}: the PDF embeds the bundled font`);
  }
  return svgs.length;
}

test('every chart of a run report and of a sweep report exports to PNG and PDF', async () => {
  const run = mkdtempSync(join(tmpdir(), 'mcsim-formats-'));
  const sweep = mkdtempSync(join(tmpdir(), 'mcsim-formats-'));
  try {
    const p = tiny('strategies=[device-only, edge-only, cachenet]', 'compare.reference=edge-only');
    await writeRunReport(run, p.scenario, runScenario(p));
    assert.equal(await exportsAll(join(run, 'charts')), 3, 'breakdown, CDF and paired differences');
    const spec = { ...loadSweep(`${FIXTURES}tiny-sweep.yaml`), compare: { key: 'cachenet.policy', reference: 'lru' } };
    await writeSweepReport(sweep, sweepTable(await runSweep(spec, { out: sweep, workers: 1 })));
    assert.ok((await exportsAll(join(sweep, 'charts'))) >= 4);
  } finally {
    rmSync(run, { recursive: true, force: true });
    rmSync(sweep, { recursive: true, force: true });
  }
});

test('every figure the docs show exports to PNG and PDF', async () => {
  assert.ok((await exportsAll('docs/figures')) >= 5);
});
