import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, truncateSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../src/errors.js';
import { MAX_TEXT_BYTES, readText } from '../../src/models/read-table.js';
import { scratchFile } from './paths.js';

test('tables larger than the whole-file bound are refused in one line, also when gzip expands them', () => {
  const big = scratchFile('big.csv', '');
  truncateSync(big, MAX_TEXT_BYTES + 1); // sparse: nothing is written
  assert.throws(() => readText(big), (e: Error) => e instanceof InputError && e.message === `${big}: the file has more than 256 MiB, the most a data table is read whole; keep the rows you need first (e.g. grep, or head)`);
  const bomb = scratchFile('bomb.csv.gz', gzipSync(Buffer.alloc(MAX_TEXT_BYTES + 1, 0x61)));
  assert.throws(() => readText(bomb), (e: Error) => e instanceof InputError && e.message.startsWith(`${bomb}: decompressed, it has more than 256 MiB`));
  assert.equal(readText(scratchFile('small.csv.gz', gzipSync('a,b\n1,2\n'))), 'a,b\n1,2\n');
});

test('a zstd-compressed table is refused in one line (zstd is streamed for cache traces only), not parsed as text', () => {
  const zst = scratchFile('table.csv.zst', readFileSync(new URL('../fixtures/zstd/cp2k.csv.zst', import.meta.url)));
  assert.throws(() => readText(zst), (e: Error) => e instanceof InputError && e.message === `${zst}: the file is zstd-compressed, which only cache traces are read as; decompress it (zstd -d ${zst}) or gzip it`);
});
