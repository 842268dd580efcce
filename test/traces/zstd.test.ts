import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decompress } from 'fzstd';
import { InputError } from '../../src/errors.js';
import { readCacheTrace } from '../../src/traces/read-trace.js';
import { dropDecoded, unzstd } from '../../src/traces/zstd.js';
import { cacheTrace } from '../shared-data.js';
import { mrc } from '../cli/run-mrc.js';

// Fixtures made with the zstd CLI: test/fixtures/zstd/README.md has the commands.
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/zstd/${name}`, import.meta.url));
const ORACLE_ZST = readFileSync(fixture('cp20k.oracleGeneral.zst'));
const TEXT_ZST = readFileSync(fixture('cp20k.txt.zst'));
const ORACLE = readFileSync(cacheTrace('cloudPhysicsIO.oracleGeneral.bin')).subarray(0, 480000);
const LINES = readFileSync(cacheTrace('cloudPhysicsIO.txt'), 'latin1').split('\n');
const TEXT = LINES.slice(0, 20000).join('\n') + '\n';

const dir = mkdtempSync(join(tmpdir(), 'mcsim-zstd-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** All of unzstd's output for `bytes` fed in chunks of `chunk` bytes. */
async function decode(bytes: Buffer, chunk = 1 << 20, name = 'x.zst'): Promise<Buffer> {
  async function* pieces() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const out: Buffer[] = [];
  for await (const b of unzstd(name, pieces())) out.push(b);
  return Buffer.concat(out);
}

/** The one-line error, with the byte offset, for a broken stream. */
const brokenAt = (at: number | RegExp) => (e: unknown) => {
  assert.ok(e instanceof InputError, String(e));
  assert.equal(e.message.split('\n').length, 1);
  assert.match(e.message, typeof at === 'number' ? new RegExp(`: zstd stream corrupt or truncated at byte ${at} \\(`) : at);
  return true;
};

test('zstd decodes to the uncompressed bytes in chunks of any size, frames with and without a declared size', async () => {
  assert.ok(ORACLE_ZST.length < ORACLE.length / 3 && TEXT_ZST.length < TEXT.length / 3);
  for (const chunk of [1, 7, 4096, 1 << 20]) {
    assert.ok((await decode(ORACLE_ZST, chunk)).equals(ORACLE), `oracle, chunks of ${chunk}`);
  }
  assert.equal((await decode(TEXT_ZST, 1000)).toString('latin1'), TEXT);
});

test('concatenated zstd frames (zstd -c a >> f) decode to the concatenation; skippable frames are skipped', async () => {
  const skippable = Buffer.concat([Buffer.from([0x5a, 0x2a, 0x4d, 0x18, 5, 0, 0, 0]), Buffer.from('hello')]);
  const empty = Buffer.from([0x50, 0x2a, 0x4d, 0x18, 0, 0, 0, 0]);
  const stream = Buffer.concat([skippable, ORACLE_ZST, empty, ORACLE_ZST, skippable]);
  for (const chunk of [3, 65536]) assert.ok((await decode(stream, chunk)).equals(Buffer.concat([ORACLE, ORACLE])));
  const a = await readCacheTrace(file('twice.oracleGeneral.zst', Buffer.concat([ORACLE_ZST, ORACLE_ZST])));
  assert.equal(a.keys.length, 40000);
});

test('a truncated zstd stream is a one-line error at the byte where it ends, wherever it is cut', async () => {
  for (const cut of [1, 3, 5, 9, 12, 50000, ORACLE_ZST.length - 1]) {
    await assert.rejects(decode(ORACLE_ZST.subarray(0, cut), 4096), brokenAt(new RegExp(`at byte ${cut} \\(the stream ends inside .*cut short\\)$`)), `cut at ${cut}`);
  }
  // A second frame cut short, after a whole one.
  const two = Buffer.concat([ORACLE_ZST, ORACLE_ZST.subarray(0, 100)]);
  await assert.rejects(decode(two), brokenAt(new RegExp(`at byte ${two.length} \\(the stream ends inside the block at byte ${ORACLE_ZST.length + 9} of the frame at byte ${ORACLE_ZST.length};`)));
  // Through mcsim mrc on a file.
  const path = file('cut.oracleGeneral.zst', ORACLE_ZST.subarray(0, 50000));
  await assert.rejects(mrc(path, '--policy', 'lru', '--size', '100', '--no-curve', '--out', join(dir, 'cut')), brokenAt(50000));
});

test('corrupt zstd bytes are a one-line error at the block or frame end where decoding fails', async () => {
  // A flipped byte in the first block's entropy tables: that block (byte 9, after the 9-byte header) does not decode.
  const bad = Buffer.from(ORACLE_ZST);
  bad[100] ^= 0x55;
  await assert.rejects(decode(bad), brokenAt(/at byte 9 \(invalid zstd data in the block at byte 9 of the frame at byte 0\)$/));
  // Flips that still decode, to the wrong length, are caught at the frame's end from its declared size.
  const tail = Buffer.from(ORACLE_ZST);
  tail[81000] ^= 0x55;
  await assert.rejects(decode(tail), brokenAt(new RegExp(`at byte ${ORACLE_ZST.length} \\(the frame at byte 0 ends there, decoded to \\d+ bytes where its header declares 480000\\)`)));
  // A flip that decodes to the right length (here in a literal of a block) is caught by the frame's content checksum.
  const quiet = Buffer.from(ORACLE_ZST);
  quiet[20000] ^= 0x55;
  await assert.rejects(decode(quiet), brokenAt(new RegExp(`at byte ${ORACLE_ZST.length - 4} \\(the content checksum of the frame at byte 0 is a91cf3be, its decoded bytes give [0-9a-f]{8}\\)$`)));
  // Any flipped byte, anywhere: a one-line error, never a crash or wrong data. Some bits are unused
  // (the flip at 13497 here: zstd -t accepts it too) and then the bytes decode as before.
  for (let at = 0; at < TEXT_ZST.length; at += 409) {
    const flipped = Buffer.from(TEXT_ZST);
    flipped[at] ^= 0x80;
    const decoded = await decode(flipped).catch((e: unknown) => brokenAt(/: zstd stream corrupt or truncated at byte \d+ \(/)(e));
    if (decoded !== true) assert.equal(decoded.toString('latin1'), TEXT, `flip at ${at}`);
  }
  // Garbage after a frame, a reserved block type, a bad magic number.
  await assert.rejects(decode(Buffer.concat([ORACLE_ZST, Buffer.from('junk')])), brokenAt(new RegExp(`at byte ${ORACLE_ZST.length} \\(bytes 6a 75 6e 6b after the frame`)));
  const reserved = Buffer.from(ORACLE_ZST);
  reserved[9] |= 0x06;
  await assert.rejects(decode(reserved), brokenAt(/at byte 9 \(the block at byte 9 of the frame at byte 0 has the reserved type\)/));
  await assert.rejects(decode(Buffer.from('not zstd at all')), brokenAt(/at byte 0 \(not a zstd frame\)/));
  // Frames this decoder cannot read: with a dictionary, with a window above fzstd's 2046 MiB.
  const frame = (descriptor: number[]) => Buffer.from([0x28, 0xb5, 0x2f, 0xfd, ...descriptor, 0x01, 0x00, 0x00]);
  await assert.rejects(decode(frame([0x01, 0x50, 0x07])), (e: unknown) => e instanceof InputError && /x\.zst: the zstd frame at byte 0 needs dictionary 7, .*zstd -d -D DICT/.test(e.message));
  await assert.rejects(decode(frame([0x00, 0xf8])), (e: unknown) => e instanceof InputError && /x\.zst: the zstd frame at byte 0 needs a \d+ MiB window, more than the decoder's 2046 MiB/.test(e.message));
});

test('mcsim mrc on .zst copies gives the same CSV as on the uncompressed text, oracleGeneral and CSV traces', async () => {
  const same = async (plain: string, packed: string, ...args: string[]) => {
    await mrc(plain, ...args, '--out', join(dir, 'plain'));
    await mrc(packed, ...args, '--out', join(dir, 'packed'));
    for (const ext of ['.csv', '.lru-curve.csv']) {
      assert.equal(readFileSync(join(dir, `packed${ext}`), 'utf8'), readFileSync(join(dir, `plain${ext}`), 'utf8'), `${packed} ${ext}`);
    }
  };
  const args = ['--policy', 'lru,belady', '--size', '100,1000'];
  await same(file('cp.txt', TEXT), fixture('cp20k.txt.zst'), ...args);
  await same(file('cp.oracleGeneral.bin', ORACLE), fixture('cp20k.oracleGeneral.zst'), ...args);
  const csv = 'time,id,size\n' + LINES.slice(0, 2000).map((id, i) => `${i + 1},${id},${4096 * (1 + ((i + 1) % 3))}`).join('\n') + '\n';
  await same(file('cp.csv', csv), fixture('cp2k.csv.zst'), ...args, '--format', 'csv', '--id-col', 'id', '--size-col', 'size', '--header');
});

test('zstd on standard input: a piped .zst (cat f.zst | mcsim mrc - ...) reads like the file', async () => {
  // Through sh, so that standard input is a pipe, as from a shell.
  const bin = fileURLToPath(new URL('../../bin/mcsim.js', import.meta.url));
  const out = join(dir, 'stdin');
  const run = (input: string) =>
    new Promise<{ status: number | null; stderr: string }>((done) => {
      const args = ['mrc', '-', '--format', 'oracle', '--policy', 'lru', '--size', '1000', '--no-curve', '--out', out];
      const child = spawn('sh', ['-c', 'f=$1; shift; cat "$f" | "$0" "$@"', process.execPath, input, bin, ...args].map(String), { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => done({ status, stderr }));
    });
  const ok = await run(fixture('cp20k.oracleGeneral.zst'));
  assert.equal(ok.status, 0, ok.stderr);
  await mrc(file('cp2.oracleGeneral.bin', ORACLE), '--policy', 'lru', '--size', '1000', '--no-curve', '--out', join(dir, 'direct'));
  assert.equal(readFileSync(`${out}.csv`, 'utf8'), readFileSync(join(dir, 'direct.csv'), 'utf8'));
  const cut = await run(file('cut.zst', ORACLE_ZST.subarray(0, 50000)));
  assert.equal(cut.status, 1, cut.stderr);
  assert.match(cut.stderr.trim(), /^mcsim: [^\n]*: zstd stream corrupt or truncated at byte 50000 \([^\n]*\)$/);
});

test('fzstd keeps no reference to blocks it has decoded (the memory stays bounded by one block and the window)', () => {
  // fzstd 0.1.1 leaves an empty view of each pushed chunk in its pending list; dropDecoded clears it.
  const decoder = new Decompress(() => {});
  const state = decoder as unknown as { c: Uint8Array[]; l: number };
  const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x50]); // no checksum, no size, 1 MiB window
  const raw = (n: number, last: boolean) => Buffer.concat([Buffer.from([((n << 3) | (last ? 1 : 0)) & 0xff, (n >> 5) & 0xff, (n >> 13) & 0xff]), Buffer.alloc(n, 7)]);
  decoder.push(Buffer.concat([header, raw(100, false)]));
  for (let i = 0; i < 50; i++) {
    decoder.push(raw(1000, false));
    dropDecoded(decoder);
    assert.equal(state.l, 0);
    assert.equal(state.c.length, 0);
  }
});
