/**
 * Output files are written to a temporary sibling and renamed into place, so a run that fails or is
 * interrupted midway never leaves a half-written file where a finished one is expected.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * A file written line by line (e.g. a per-frame log of millions of lines) into a temporary sibling,
 * buffered, and renamed into place by commit(); abort() removes the temporary file.
 */
export class AtomicFileWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = `${path}.${process.pid}.tmp`;
    this.fd = openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered > 1 << 16) this.flush();
  }

  commit(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }

  abort(): void {
    closeSync(this.fd);
    rmSync(this.tmp, { force: true });
  }

  private flush(): void {
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }
}

/** Pretty JSON with a final newline; NaN and infinities (which JSON lacks) are written as null. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** An output path prefix (`<prefix>.csv`, ...); a folder (an existing one, or a path ending in /) gets `<folder>/<name>`. */
export function outputPrefix(prefix: string, name: string): string {
  const isFolder = prefix.endsWith('/') || prefix.endsWith(sep) || (existsSync(prefix) && statSync(prefix).isDirectory());
  return isFolder ? join(prefix, name) : prefix;
}
