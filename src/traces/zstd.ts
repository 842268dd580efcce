/**
 * Streaming zstd decoding (RFC 8878) for traces: `.zst` files and zstd streams on a pipe, any number
 * of concatenated frames (`zstd -c a >> f`), skippable frames skipped. This module walks the frame
 * and block headers itself and hands fzstd (pure JavaScript, no install script) one whole block at a
 * time, so that
 * - memory stays bounded: one compressed block (at most 128 KiB) is gathered, plus the frame's
 *   window, which the frame header sets (8 MiB at `zstd -19`, 128 MiB with `--long`);
 * - a failure names the byte of the compressed input where it happened: the start of the block that
 *   does not decode, the end of a stream that stops inside a frame, the frame whose declared size
 *   differs from what it decodes to, the checksum that does not match.
 * fzstd skips the frames' content checksums (XXH64 of the decoded bytes, which the zstd CLI writes by
 * default); they are checked here with xxhash-wasm, so a flipped byte that still decodes is caught
 * at the end of its frame.
 */
import { Decompress } from 'fzstd';
import xxhash from 'xxhash-wasm';
import { InputError } from '../errors.js';
import { ZSTD_MAGIC } from './magic.js';

/** Magic numbers 0x184D2A50..0x184D2A5F open a skippable frame: 4-byte length, then that many bytes. */
const isSkippable = (magic: number) => magic >>> 4 === 0x184d2a5;

/** A block decodes to at most 128 KiB (Block_Maximum_Size), so its compressed size is at most that too. */
const MAX_BLOCK_BYTES = 128 * 1024;

/** The largest window fzstd allocates (its 'window size too large' limit). */
const MAX_WINDOW_BYTES = 2145386496;

/**
 * The private state of fzstd 0.1.1's Decompress (pinned in package.json): `c` holds pushed input not
 * yet decoded and `l` its length. After a whole block it keeps an empty view of the input chunk in
 * `c` that is never dropped while `l` is 0, which would keep every chunk alive; see dropDecoded.
 */
interface DecompressState {
  c: Uint8Array[];
  l: number;
}

/** Drops fzstd's references to input it has fully decoded (a test checks this holds the memory flat). */
export function dropDecoded(decoder: Decompress): void {
  const state = decoder as unknown as DecompressState;
  if (state.l === 0 && Array.isArray(state.c)) state.c.length = 0;
}

const corrupt = (file: string, at: number, why: string) => new InputError(`${file}: zstd stream corrupt or truncated at byte ${at} (${why})`);

/** The decompressed bytes of the zstd stream `input` (the compressed bytes, in chunks of any size). */
export async function* unzstd(file: string, input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const chunks = input[Symbol.asyncIterator]();
  // data[pos] is byte `base + pos` of the compressed input.
  let data: Buffer = Buffer.alloc(0);
  let pos = 0;
  let base = 0;
  let ended = false;
  // The XXH64 module, instantiated at the first frame with a checksum.
  let hashes: Awaited<ReturnType<typeof xxhash>> | undefined;
  /** Whether n bytes from pos are at hand, reading more input as needed (gathered in one copy). */
  const have = async (n: number): Promise<boolean> => {
    if (data.length - pos >= n) return true;
    const parts = [data.subarray(pos)];
    let length = data.length - pos;
    while (length < n && !ended) {
      const r = await chunks.next();
      if (r.done) ended = true;
      else {
        parts.push(r.value);
        length += r.value.length;
      }
    }
    base += pos;
    data = parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
    pos = 0;
    return length >= n;
  };
  const end = () => base + data.length;
  const cut = (what: string) => corrupt(file, end(), `the stream ends inside ${what}; the file may be cut short`);

  while (await have(1)) {
    const frame = base + pos;
    if (!(await have(4))) throw cut(`the magic number of a frame at byte ${frame}`);
    const magic = data.readUInt32LE(pos);
    if (isSkippable(magic)) {
      if (!(await have(8))) throw cut(`the header of the skippable frame at byte ${frame}`);
      let skip = data.readUInt32LE(pos + 4);
      pos += 8;
      while (skip > 0) {
        if (!(await have(1))) throw cut(`the skippable frame at byte ${frame}`);
        const n = Math.min(skip, data.length - pos);
        pos += n;
        skip -= n;
      }
      continue;
    }
    if (magic !== ZSTD_MAGIC) {
      throw corrupt(file, frame, frame === 0 ? 'not a zstd frame' : `bytes ${hex(data, pos)} after the frame that ends there are not a zstd frame`);
    }
    if (!(await have(5))) throw cut(`the header of the frame at byte ${frame}`);
    const descriptor = data[pos + 4];
    const single = (descriptor >> 5) & 1;
    const dictBytes = [0, 1, 2, 4][descriptor & 3];
    const sizeBytes = [single, 2, 4, 8][descriptor >> 6];
    const checksumBytes = descriptor & 4 ? 4 : 0;
    if (descriptor & 8) throw corrupt(file, frame + 4, `the reserved bit of the header of the frame at byte ${frame} is set`);
    const headerBytes = 5 + (1 - single) + dictBytes + sizeBytes;
    if (!(await have(headerBytes))) throw cut(`the header of the frame at byte ${frame}`);
    let at = pos + 5 + (1 - single);
    const dictionary = dictBytes > 0 ? data.readUIntLE(at, dictBytes) : 0;
    at += dictBytes;
    const contentSize = sizeBytes === 0 ? undefined : sizeBytes === 8 ? Number(data.readBigUInt64LE(at)) : data.readUIntLE(at, sizeBytes) + (sizeBytes === 2 ? 256 : 0);
    if (dictionary !== 0) {
      throw new InputError(`${file}: the zstd frame at byte ${frame} needs dictionary ${dictionary}, which mcsim does not have; decompress it first (zstd -d -D DICT)`);
    }
    const windowBytes = single ? contentSize! : windowSize(data[pos + 5]);
    if (windowBytes > MAX_WINDOW_BYTES) {
      throw new InputError(`${file}: the zstd frame at byte ${frame} needs a ${Math.round(windowBytes / 2 ** 20)} MiB window, more than the decoder's ${Math.floor(MAX_WINDOW_BYTES / 2 ** 20)} MiB; decompress it first (zstd -d)`);
    }
    // The header goes to the decoder with the frame's first block.
    let header: Buffer | undefined = Buffer.from(data.subarray(pos, pos + headerBytes));
    pos += headerBytes;
    const out: Buffer[] = [];
    const decoder = new Decompress((chunk) => {
      if (chunk.length > 0) out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    });
    const hash = checksumBytes ? (hashes ??= await xxhash()).create64() : undefined;
    let decoded = 0;
    let checksumAt = 0;
    for (let last = false; !last; ) {
      const block = base + pos;
      if (!(await have(3))) throw cut(`a block header of the frame at byte ${frame}`);
      const blockHeader = data.readUIntLE(pos, 3);
      last = (blockHeader & 1) === 1;
      const type = (blockHeader >> 1) & 3;
      const size = blockHeader >>> 3;
      if (type === 3) throw corrupt(file, block, `the block at byte ${block} of the frame at byte ${frame} has the reserved type`);
      if (size > MAX_BLOCK_BYTES) throw corrupt(file, block, `the block at byte ${block} of the frame at byte ${frame} claims ${size} bytes, more than 128 KiB`);
      // Raw: size bytes; RLE: one byte repeated size times; compressed: size bytes. The checksum
      // follows the last block and goes with it, so the decoder sees the frame end.
      const bytes = 3 + (type === 1 ? 1 : size) + (last ? checksumBytes : 0);
      if (!(await have(bytes))) throw cut(`the block at byte ${block} of the frame at byte ${frame}`);
      let piece = data.subarray(pos, pos + bytes);
      if (last) checksumAt = base + pos + bytes - checksumBytes;
      if (header) {
        piece = Buffer.concat([header, piece]);
        header = undefined;
      }
      pos += bytes;
      try {
        decoder.push(piece, last);
      } catch (err) {
        throw corrupt(file, block, `${(err as Error).message} in the block at byte ${block} of the frame at byte ${frame}`);
      }
      dropDecoded(decoder);
      for (const chunk of out) {
        decoded += chunk.length;
        hash?.update(chunk);
        yield chunk;
      }
      out.length = 0;
    }
    if (contentSize !== undefined && decoded !== contentSize) {
      throw corrupt(file, base + pos, `the frame at byte ${frame} ends there, decoded to ${decoded} bytes where its header declares ${contentSize}`);
    }
    if (hash) {
      const stored = data.readUInt32LE(pos - 4);
      const computed = Number(hash.digest() & 0xffffffffn);
      if (stored !== computed) {
        throw corrupt(file, checksumAt, `the content checksum of the frame at byte ${frame} is ${hex32(stored)}, its decoded bytes give ${hex32(computed)}`);
      }
    }
  }
}

/** Window_Size from a frame header's window descriptor (exponent 5 bits, mantissa 3 bits). */
function windowSize(descriptor: number): number {
  const base = 2 ** (10 + (descriptor >> 3));
  return base + (base / 8) * (descriptor & 7);
}

const hex32 = (x: number) => x.toString(16).padStart(8, '0');

const hex = (data: Buffer, pos: number) => [...data.subarray(pos, pos + 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
