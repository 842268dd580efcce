import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { compile } from 'vega-lite';
import { InputError } from '../../src/errors.js';
import { parseSizes } from '../../src/mrc/sizes.js';
import { chartConfig } from '../../src/report/charts/spec.js';
import { cacheTrace } from '../shared-data.js';
import { mrc } from './run-mrc.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mcsim-mrc-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('mcsim mrc writes the table, the exact LRU curve and a Vega-Lite spec that compiles', async () => {
  const out = join(dir, 'cp');
  await mrc(cacheTrace('cloudPhysicsIO.txt'), '--policy', 'lru,belady', '--size', '1000,0.5', '--out', out);
  const rows = parse(readFileSync(`${out}.csv`), { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]), ['policy', 'size', 'requests', 'misses', 'miss_ratio', 'byte_miss_ratio']);
  assert.deepEqual(
    rows.map((r) => [r.policy, r.size, r.misses]),
    // 1000: libCacheSim's counts (test/policies/golden.test.ts). 24487 (half the 48,974 objects): LRU as the
    // stack-distance curve below gives it; Belady as low as it can go, one compulsory miss per object.
    [['lru', '1000', '94823'], ['lru', '24487', '71395'], ['belady', '1000', '87025'], ['belady', '24487', '48974']],
  );
  const curve = parse(readFileSync(`${out}.lru-curve.csv`), { columns: true, cast: true }) as Array<{ size: number; misses: number }>;
  // The curve's value at 1000 is its last step at or below 1000, and agrees with the replay.
  const at1000 = curve.filter((p) => p.size <= 1000).at(-1)!;
  assert.equal(at1000.misses, 94823);
  assert.equal(curve.filter((p) => p.size <= 24487).at(-1)!.misses, 71395);
  assert.equal(curve.at(-1)!.misses, 48974);
  const spec = JSON.parse(readFileSync(`${out}.vl.json`, 'utf8'));
  assert.ok(compile(spec).spec);
});

test('mcsim mrc --chart-format svg,png,pdf writes the chart in each format, in the house look', async () => {
  const out = join(dir, 'formats');
  await mrc(cacheTrace('sprite.trace.gz'), '--policy', 'lru,fifo', '--size', '1%,10%', '--chart-format', 'svg,png', '--chart-format', 'pdf', '--out', out);
  assert.ok(readFileSync(`${out}.svg`, 'utf8').includes('<svg'));
  assert.ok(readFileSync(`${out}.png`).subarray(1, 4).toString('latin1') === 'PNG');
  assert.ok(readFileSync(`${out}.pdf`).subarray(0, 5).toString('latin1') === '%PDF-');
  const spec = JSON.parse(readFileSync(`${out}.vl.json`, 'utf8'));
  assert.equal(spec.config.font, chartConfig().font, 'the shared chart config, with the bundled font');
  await assert.rejects(mrc(cacheTrace('sprite.trace.gz'), '--size', '10', '--chart-format', 'jpeg', '--out', join(dir, 'x')), /--chart-format: "jpeg" is not one of svg, png, pdf/);
});

test("mcsim mrc --admission: every policy behind the filter, rows named <policy>+<filter>, libCacheSim's misses", async () => {
  const out = join(dir, 'admission');
  await mrc(cacheTrace('cloudPhysicsIO.oracleGeneral.bin'), '--bytes', '--policy', 'lru,gdsf', '--size', '10000000', '--admission', 'second-request', '--no-curve', '--out', out);
  const rows = parse(readFileSync(`${out}.csv`), { columns: true }) as Record<string, string>[];
  // cachesim -a bloom-filter's counts (test/policies/admission.test.ts).
  assert.deepEqual(rows.map((r) => [r.policy, r.misses]), [['lru+second-request', '96793'], ['gdsf+second-request', '95892']]);
  await assert.rejects(mrc(cacheTrace('sprite.trace.gz'), '--size', '10', '--admission', 'size:x', '--out', join(dir, 'x')), (e: Error) => e instanceof InputError && /--admission: expected second-request or size:N/.test(e.message));
});

test('mcsim mrc --workers 2 gives the rows of one thread: built-ins, an oracle, a plugin policy, behind an admission filter', async () => {
  const plugin = join(ROOT, 'test/fixtures/plugins/window-lfu.ts');
  const args = (w: string, out: string) => [cacheTrace('cloudPhysicsIO.oracleGeneral.bin'), '--bytes', '--policy', `lru,gdsf,belady,${plugin}`, '--admission', 'second-request', '--size', '1%,10%,50%', '--workers', w, '--out', out];
  await mrc(...args('1', join(dir, 'one')));
  await mrc(...args('2', join(dir, 'two')));
  await mrc(...args('5', join(dir, 'five')));
  const one = readFileSync(join(dir, 'one.csv'), 'utf8');
  assert.equal(one.split('\n').filter((l) => l.includes('+second-request')).length, 12, 'four policies x three sizes');
  assert.equal(readFileSync(join(dir, 'two.csv'), 'utf8'), one);
  assert.equal(readFileSync(join(dir, 'five.csv'), 'utf8'), one);
  assert.equal(readFileSync(join(dir, 'two.lru-curve.csv'), 'utf8'), readFileSync(join(dir, 'one.lru-curve.csv'), 'utf8'));
});

test('mcsim mrc: bad options are input errors naming the option', async () => {
  await assert.rejects(mrc(cacheTrace('sprite.trace.gz'), '--size', '10', '--policy', 'lru,opt', '--out', join(dir, 'x')), (e: Error) => e instanceof InputError && /--policy: unknown policy "opt"/.test(e.message));
  await assert.rejects(mrc(cacheTrace('sprite.trace.gz'), '--size', '10', '--bytes', '--out', join(dir, 'x')), (e: Error) => e instanceof InputError && /has none/.test(e.message));
});

test('sizes: integers, fractions and percentages of the working set, binary units', () => {
  assert.deepEqual(parseSizes('10, 0.5,25%,.1,2KiB,1MiB', 1000), [10, 500, 250, 100, 2048, 1 << 20]);
  assert.deepEqual(parseSizes('0.0001', 1000), [1]);
  for (const bad of ['0', '-1', '1.5', 'x', '10%%', '0%']) assert.throws(() => parseSizes(bad, 1000), InputError, bad);
  assert.throws(() => parseSizes('150%', 1000), /"150%" is more than the whole working set/);
  assert.deepEqual(parseSizes('100%', 1000), [1000]);
  assert.throws(() => parseSizes('10KiB', 1000, false), /"10KiB" is in bytes, but capacities are in objects; add --bytes/);
});
