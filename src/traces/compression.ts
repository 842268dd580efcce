/**
 * Trace files may be gzip-compressed whatever their name: readers look at the first bytes. zstd (as
 * libCacheSim publishes its traces) is recognized and refused with a clear message rather than read
 * as raw data.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';

export type Compression = 'gzip' | 'none';

export async function compressionOf(file: string): Promise<Compression> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (bytesRead === 4 && head.readUInt32LE(0) === 0xfd2fb528) {
      throw new InputError(`${file}: the trace is zstd-compressed; decompress it first (zstd -d ${file})`);
    }
    return 'none';
  } finally {
    await fh.close();
  }
}

/** The file's bytes, gunzipped when it is gzip-compressed. */
export async function openTrace(file: string): Promise<Readable> {
  const gzip = (await compressionOf(file)) === 'gzip';
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  return gzip ? raw.pipe(createGunzip()) : raw;
}
