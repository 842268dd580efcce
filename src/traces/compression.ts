/**
 * Where a trace's bytes come from, and their compression. A trace may be a regular file, `-`
 * (standard input), `/dev/stdin`, a FIFO or any other pipe: it is read once, front to back, and
 * nothing reopens it or reads at a position (a pipe cannot). Files may be gzip-compressed whatever
 * their name, or zstd-compressed (as libCacheSim publishes its traces: `.oracleGeneral.zst`):
 * readers look at the first bytes. zstd is decoded by zstd.ts, one block at a time.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ZSTD_MAGIC } from './magic.js';

export type Compression = 'gzip' | 'zstd' | 'none';

const CHUNK = 1 << 20;


/**
 * The longest line a text or CSV trace may have, in bytes (README, `mcsim mrc --help`): a longer
 * one is an error naming the line. Real trace lines are a few dozen bytes; without a limit a file
 * with no newline (a binary or sparse file read as text) is gathered into one ever-growing line.
 */
export const MAX_LINE_BYTES = 1 << 20;

/** A regular file (not a FIFO, a pipe or a device): one that can be read at a position and sized. */
export function isRegularFile(file: string): boolean {
  return statSync(file).isFile();
}

/** The compression the first bytes of a trace show. */
function compressionFromHead(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === ZSTD_MAGIC) return 'zstd';
  return 'none';
}

/** The compression of a regular file, from its first 4 bytes. */
export function compressionOf(file: string): Compression {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    return compressionFromHead(head.subarray(0, readSync(fd, head, 0, 4, 0)));
  } finally {
    closeSync(fd);
  }
}

/**
 * The trace's bytes, gunzipped or zstd-decoded when compressed, from one read of the file or pipe:
 * the first chunk tells the compression and is then passed on. A read, gunzip or zstd error surfaces
 * in the iteration of the returned stream (through pipeline), never as an unhandled 'error' event.
 */
export async function openTrace(file: string): Promise<Readable> {
  const raw = createReadStream(file, { highWaterMark: CHUNK });
  const chunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  while (head.length < 4) {
    const r = await chunks.next();
    if (r.done) break;
    head = Buffer.concat([head, r.value]);
  }
  const compression = compressionFromHead(head);
  const input = (async function* () {
    if (head.length > 0) yield head;
    for (let r = await chunks.next(); !r.done; r = await chunks.next()) yield r.value;
  })();
  if (compression === 'zstd') {
    // Loaded only for zstd input; a decoding error is an InputError with the byte offset.
    const { unzstd } = await import('./zstd.js');
    return Readable.from(unzstd(file, input), { objectMode: false });
  }
  const bytes = Readable.from(input, { objectMode: false });
  if (compression === 'none') return bytes;
  // pipeline destroys the gunzip stream with any error of either side; the iteration rejects with it.
  return pipeline(bytes, createGunzip(), () => {});
}
