/**
 * The failures of issue 12, through the real command line: each gives one line `mcsim: ...` naming the
 * file, line, key or option, exit code 1 (2 for a bad option), no stack trace; outputs are left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { assertOneLine, mcsimAsync } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIO = join(ROOT, 'scenarios/default.yaml');

async function cases(list: Array<[string, string[], number, RegExp]>, cwd: string): Promise<void> {
  // Two at a time: each is a Node start-up.
  for (let i = 0; i < list.length; i += 2) {
    const batch = list.slice(i, i + 2);
    const results = await Promise.all(batch.map(([, args]) => mcsimAsync(args, cwd)));
    batch.forEach(([what, , status, message], j) => assertOneLine(results[j], status, message, what));
  }
}

test('issue 12 cases 1-4, 6, 7, 9: input and option errors are one line with the file, line or key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-fail-'));
  writeFileSync(join(dir, 'm.yaml'), 'name: x\nframes: [1, 2\n');
  writeFileSync(join(dir, 'q.csv'), 'a,1\nb,2\n"c,3\n');
  const gz = gzipSync(Buffer.from(Array.from({ length: 20000 }, (_, i) => `${i % 97}\n`).join('')));
  writeFileSync(join(dir, 't.trace.gz'), gz.subarray(0, gz.length >> 1));
  const oracle = Buffer.alloc(24 * 100);
  writeFileSync(join(dir, 'o.oracleGeneral.bin.gz'), gzipSync(oracle).subarray(0, 30));
  copyFileSync(SCENARIO, join(dir, 's.yaml'));
  await cases(
    [
      ['1 YAML syntax', ['validate', 'm.yaml'], 1, /^mcsim: m\.yaml:2: /],
      ['2 --set value', ['validate', SCENARIO, '--set', 'cachenet.tau=[1,2'], 2, /--set cachenet\.tau: the value is not valid YAML/],
      ['3 --set __proto__', ['run', SCENARIO, '--set', '__proto__.polluted=1', '--out', dir], 1, /'__proto__' is not allowed/],
      ['4 --set list key', ['validate', SCENARIO, '--set', 'strategies.x=cachenet'], 1, /'strategies' is a list/],
      ['4 --set unknown key', ['validate', SCENARIO, '--set', 'cachenet.x=1'], 1, /'cachenet\.x' is not a scenario key/],
      ['6 CSV quote in mrc', ['mrc', 'q.csv', '--size', '2', '--out', join(dir, 'q-mrc')], 1, /q\.csv:3: invalid CSV: Quote Not Closed/],
      ['7 truncated gzip', ['mrc', 't.trace.gz', '--size', '10', '--out', join(dir, 't-mrc')], 1, /t\.trace\.gz: not a complete gzip stream/],
      ['7 truncated gzip oracleGeneral', ['trace', 'o.oracleGeneral.bin.gz'], 1, /o\.oracleGeneral\.bin\.gz: not a complete gzip stream/],
      ['9 --workers abc', ['run', SCENARIO, '--workers', 'abc'], 2, /--workers 'abc': expected a whole number from 1 to \d+/],
      ['9 --workers 1000', ['sweep', SCENARIO, '--workers', '1000'], 2, /--workers '1000'/],
    ],
    dir,
  );
});

test('issue 12 cases 5, 8, 11-13: resources bounded, outputs checked before work, inputs never overwritten, no hidden files, log axes need positive values', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-fail-'));
  writeFileSync(join(dir, 'x.txt'), '1\n2\n1\n3\n');
  writeFileSync(join(dir, 'afile'), '');
  writeFileSync(join(dir, 'c.csv'), 'x,y\n0,1\n1,2\n');
  copyFileSync(SCENARIO, join(dir, 's.yaml'));
  await cases(
    [
      ['8 --out is the scenario', ['run', SCENARIO, '--out', SCENARIO], 1, /default\.yaml: output would overwrite the input/],
      ['8 --out under a file', ['run', SCENARIO, '--out', 'afile/sub'], 1, /afile\/sub: .*afile is a file/],
      ['8 trace --out a folder', ['trace', 'x.txt', '--out', dir], 1, /is a folder, expected a file name/],
      ['11 trace --out the trace', ['trace', 'x.txt', '--out', 'x.txt'], 1, /x\.txt: output would overwrite the input/],
      ['12 --log-x with 0', ['chart', 'c.csv', '--x', 'x', '--y', 'y', '--log-x'], 1, /c\.csv: --log-x: column x has 1 value\(s\) that are not above 0/],
      ['5 a billion replications', ['run', SCENARIO, '--set', 'replications=1e9'], 1, /default\.yaml: needs about .* GB of memory .* above the limit/],
      ['5 a million devices', ['validate', SCENARIO, '--set', 'workload.devices=1000000'], 1, /needs about .* GB of memory \(1000000 device/],
      ['13 run --out empty', ['run', SCENARIO, '--out', ''], 1, /output path '': expected a folder name/],
    ],
    dir,
  );
  assert.equal(readFileSync(join(dir, 'x.txt'), 'utf8'), '1\n2\n1\n3\n');
  const r = await mcsimAsync(['mrc', 'x.txt', '--size', '2', '--out', 'tr/'], dir);
  assert.equal(r.status, 0, r.stderr);
  // Hidden: only the manifest of the files this prefix wrote (report/manifest.ts), no `tr/.csv`.
  assert.deepEqual(readdirSync(join(dir, 'tr')).sort(), ['.mrc.mcsim-files.json', 'mrc.csv', 'mrc.lru-curve.csv', 'mrc.svg', 'mrc.vl.json']);
});
