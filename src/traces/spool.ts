/**
 * A trace spooled to disk: the one streaming read of a trace (a file or a pipe, any format) writes
 * each request's dense key, and its size, time and trusted next use when the trace has them, to
 * unnamed temporary column files (anonymousFile below; 4 bytes a request for keys, + 4 sizes,
 * + 8 times, + 4 next uses). Every later pass reads them back in blocks of BLOCK requests, so memory
 * is the id map (by objects) plus fixed buffers, whatever the trace's length; the disk holds the rest.
 * Belady's next uses are computed by a backward pass over the key file, block by block, into a fourth
 * column (traces/next-use.ts), so the oracle too needs memory by objects only.
 *
 * The files are unlinked as soon as they are open: the disk space is freed by close(), or by the
 * kernel however the process ends, SIGKILL included; nothing is ever left behind.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { IdMap, type CacheTrace, type RequestSink, type TraceFields } from './cache-trace.js';
import { NextUseScan } from './next-use.js';
import type { Columns, RequestBlock, Requests } from './requests.js';

/** Requests per block: 64 Ki, 1.25 MiB of buffers with every column (a block of the in-memory path is the whole trace). */
export const BLOCK = 1 << 16;

type Column = 'keys' | 'sizes' | 'times' | 'next';
type ColumnArray = Int32Array | Uint32Array | Float64Array;
const ARRAY: Record<Column, new (n: number) => ColumnArray> = { keys: Int32Array, sizes: Uint32Array, times: Float64Array, next: Uint32Array };

/**
 * A failure of the spool's own files (a full or unwritable temp folder) as one line naming the folder
 * and what to do, not the trace (errors.ts would otherwise blame the trace's name).
 */
function spoolError(err: unknown): InputError {
  const e = err as NodeJS.ErrnoException;
  const why = e.code === 'ENOSPC' ? 'no space left on the device' : (e.message ?? String(err));
  return new InputError(`temporary files in ${tmpdir()}: ${why} (mcsim mrc and trace spool 4-20 bytes a request there; set TMPDIR to a folder with room)`, { cause: err });
}

/**
 * A temporary file with no name: created in a fresh folder under os.tmpdir(), then unlinked (and its
 * folder removed) at once, so the kernel frees it when its descriptor closes, however the process
 * ends (an error, a signal's default action, even SIGKILL). No signal handler is needed, so a signal
 * during a replay still ends the process at once. Where an open file cannot be unlinked (Windows
 * without delete sharing), the names are removed on close or at exit instead.
 */
function anonymousFile(name: string): { fd: number; remove: () => void } {
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), `mcsim-spool-${process.pid}-`));
  } catch (err) {
    throw spoolError(err);
  }
  const path = join(dir, name);
  let fd: number;
  try {
    fd = openSync(path, 'w+');
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw spoolError(err);
  }
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    unlinkSync(path);
    rmdirSync(dir);
    return { fd, remove: () => {} };
  } catch {
    process.once('exit', remove);
    return { fd, remove: () => (process.off('exit', remove), remove()) };
  }
}

/** One column file: written once front to back (the next-use column back to front), read at positions. */
class ColumnFile {
  readonly bytes: number;
  private readonly file: { fd: number; remove: () => void };

  /** A new temporary column, or (`borrowed`) a descriptor another thread of this process owns. */
  constructor(
    readonly name: Column,
    borrowed?: number,
  ) {
    this.file = borrowed === undefined ? anonymousFile(`${name}.bin`) : { fd: borrowed, remove: () => {} };
    this.owned = borrowed === undefined;
    this.bytes = new ARRAY[name](0).BYTES_PER_ELEMENT;
  }

  private readonly owned: boolean;

  get fd(): number {
    return this.file.fd;
  }

  /** Frees an owned file; a borrowed one is its owner's to close. */
  close(): void {
    if (!this.owned) return;
    closeSync(this.file.fd);
    this.file.remove();
  }

  /** Writes values[0, count) as requests start, start + 1, ... */
  write(values: ColumnArray, count: number, start: number): void {
    let done = 0;
    const total = count * this.bytes;
    try {
      while (done < total) done += writeSync(this.fd, values, done, total - done, start * this.bytes + done);
    } catch (err) {
      throw spoolError(err);
    }
  }

  /** Reads requests [start, start + count) into values. */
  read(values: ColumnArray, count: number, start: number): void {
    let done = 0;
    const total = count * this.bytes;
    while (done < total) {
      const got = readSync(this.fd, values, done, total - done, start * this.bytes + done);
      if (got === 0) throw new Error(`spool: ${this.name} column ends at byte ${start * this.bytes + done}, expected ${start * this.bytes + total}`);
      done += got;
    }
  }
}

/** The sink a reader spools into (cache-trace.ts's RequestSink). */
export class SpoolWriter implements RequestSink {
  readonly ids = new IdMap();
  length = 0;
  private readonly files: ColumnFile[] = [];
  private readonly buffers: ColumnArray[];
  private readonly keys = new Int32Array(BLOCK);
  private readonly sizes: Uint32Array | undefined;
  private readonly times: Float64Array | undefined;
  private readonly next: Uint32Array | undefined;
  private filled = 0;

  constructor(
    readonly file: string,
    private readonly fields: TraceFields,
  ) {
    if (fields.sizes) this.sizes = new Uint32Array(BLOCK);
    if (fields.times) this.times = new Float64Array(BLOCK);
    if (fields.next) this.next = new Uint32Array(BLOCK);
    const columns = (['keys', 'sizes', 'times', 'next'] as const).filter((c) => c === 'keys' || fields[c]);
    this.buffers = columns.map((c) => this[c]!);
    try {
      for (const c of columns) this.files.push(new ColumnFile(c));
    } catch (err) {
      this.discard();
      throw err;
    }
  }

  push(key: number, size = 1, time = 0, next = 0): void {
    const i = this.filled;
    this.keys[i] = key;
    if (this.sizes) this.sizes[i] = size;
    if (this.times) this.times[i] = time;
    if (this.next) this.next[i] = next;
    this.length++;
    if (++this.filled === BLOCK) this.flush();
  }

  /** The finished spool; an empty trace is an input error. */
  finish(): Spool {
    this.flush();
    if (this.length === 0) {
      this.discard();
      throw new InputError(`${this.file}: empty trace (expected at least one request)`);
    }
    return new Spool(this.file, this.files, this.length, this.ids.size, this.fields);
  }

  /** Closes (so frees) the files: a read that failed. */
  discard(): void {
    for (const f of this.files) f.close();
    this.files.length = 0;
  }

  private flush(): void {
    const start = this.length - this.filled;
    this.files.forEach((f, c) => f.write(this.buffers[c], this.filled, start));
    this.filled = 0;
  }
}

/**
 * What another thread of this process needs to read a spool: the columns' descriptors (threads share
 * them, and every read is positional, so readers do not disturb each other).
 */
export interface SpoolHandle {
  file: string;
  length: number;
  keySpace: number;
  fields: TraceFields;
  fds: Array<[Column, number]>;
}

/** A spooled trace: Requests read from its column files. */
export class Spool implements Requests {
  readonly hasSizes: boolean;
  readonly hasTimes: boolean;
  private readonly columns = new Map<Column, ColumnFile>();
  private closed = false;

  constructor(
    readonly file: string,
    files: readonly ColumnFile[],
    readonly length: number,
    readonly keySpace: number,
    private readonly fields: TraceFields,
  ) {
    for (const f of files) this.columns.set(f.name, f);
    this.hasSizes = fields.sizes;
    this.hasTimes = fields.times;
  }

  *blocks(wanted: Columns = {}): Iterable<RequestBlock> {
    const names = (['keys', 'sizes', 'times', 'next'] as const).filter((c) => (c === 'keys' || wanted[c]) && this.columns.has(c));
    const buffers = new Map(names.map((c) => [c, new ARRAY[c](BLOCK)]));
    for (let start = 0; start < this.length; start += BLOCK) {
      if (this.closed) throw new Error('spool: read after close');
      const count = Math.min(BLOCK, this.length - start);
      const view = (c: Column) => {
        const buf = buffers.get(c);
        if (!buf) return undefined;
        this.columns.get(c)!.read(buf, count, start);
        return buf.subarray(0, count);
      };
      yield {
        start,
        keys: view('keys') as Int32Array,
        sizes: view('sizes') as Uint32Array | undefined,
        times: view('times') as Float64Array | undefined,
        next: view('next') as Uint32Array | undefined,
      };
    }
  }

  /** The backward pass of traces/next-use.ts over the key file, last block first, into the next-use column. */
  prepareNextUses(): void {
    if (this.columns.has('next')) return;
    const out = new ColumnFile('next');
    const scan = new NextUseScan(this.keySpace, this.length);
    const keys = new Int32Array(BLOCK), next = new Uint32Array(BLOCK);
    const keyFile = this.columns.get('keys')!;
    for (let start = Math.floor((this.length - 1) / BLOCK) * BLOCK; start >= 0; start -= BLOCK) {
      const count = Math.min(BLOCK, this.length - start);
      keyFile.read(keys, count, start);
      scan.block(keys.subarray(0, count), start, next);
      out.write(next, count, start);
    }
    this.columns.set('next', out);
  }

  /** The whole trace in memory, as readCacheTrace() would give it (for code that wants arrays). */
  load(): CacheTrace {
    const keys = new Int32Array(this.length);
    const sizes = this.hasSizes ? new Uint32Array(this.length) : undefined;
    const times = this.hasTimes ? new Float64Array(this.length) : undefined;
    for (const b of this.blocks({ sizes: true, times: true })) {
      keys.set(b.keys, b.start);
      if (b.sizes) sizes!.set(b.sizes, b.start);
      if (b.times) times!.set(b.times, b.start);
    }
    return { file: this.file, keys, sizes, times, keySpace: this.keySpace };
  }

  /** The handle another thread reads this spool by (Spool.borrow); valid until this spool is closed. */
  share(): SpoolHandle {
    return { file: this.file, length: this.length, keySpace: this.keySpace, fields: this.fields, fds: [...this.columns.values()].map((f) => [f.name, f.fd]) };
  }

  /** A reader of another thread's spool; its close() leaves the files to their owner. */
  static borrow(h: SpoolHandle): Spool {
    return new Spool(h.file, h.fds.map(([name, fd]) => new ColumnFile(name, fd)), h.length, h.keySpace, h.fields);
  }

  /** Closes (so frees) the files; the spool cannot be read after. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const f of this.columns.values()) f.close();
  }
}
