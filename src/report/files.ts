/**
 * Output files are written to a temporary sibling (temporary.ts) and renamed into place, so a run that
 * fails or is interrupted midway never leaves a half-written file where a finished one is expected; the
 * files of one report are renamed together, once all are written (FileSet), and replace the set the
 * previous report in the same place wrote (manifest.ts).
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { withPath } from '../errors.js';
import { listedName, readManifest, removeListed, writeManifest } from './manifest.js';
import { temporaryPath } from './temporary.js';

/** One file, written through a FileSet of its own. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const files = new FileSet();
  try {
    files.write(path, content);
    files.commit();
  } catch (err) {
    files.abort();
    throw err;
  }
}

/**
 * The files of one report, which appear together or not at all: each is written to its temporary
 * sibling, and commit(), once every one is written, renames them all into place; abort() removes the
 * temporaries. A failure midway (a full disk, a bad chart) leaves the previous report, or none, never
 * a mix of old and new files.
 *
 * With a manifest (manifest.ts: folderManifest, prefixManifest), the set also replaces the one the
 * manifest lists: commit() removes the listed files this set does not write, then lists this set.
 */
export class FileSet {
  private readonly staged: Array<{ tmp: string; path: string }> = [];
  private readonly kept: string[] = [];

  constructor(private readonly manifest?: string) {}

  /** Lists a file the command already put in place (a sweep's job files) as part of this set. */
  keep(path: string): void {
    this.kept.push(path);
  }

  write(path: string, content: string | Uint8Array): void {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = temporaryPath(path);
    this.staged.push({ tmp, path });
    try {
      writeFileSync(tmp, content);
    } catch (err) {
      throw withPath(err, path);
    }
  }

  /** A file streamed line by line (the per-frame log), written in full; renamed with the others. */
  adopt(file: StreamedFile): void {
    file.close();
    this.staged.push({ tmp: file.tmp, path: file.path });
  }

  commit(): void {
    const staged = this.staged.splice(0);
    if (!this.manifest) {
      for (const { tmp, path } of staged) renameSync(tmp, path);
      return;
    }
    const manifest = this.manifest;
    const previous = readManifest(manifest);
    const names = new Set([...staged.map((f) => f.path), ...this.kept.splice(0)].flatMap((p) => listedName(manifest, p) ?? []));
    // Both sets are listed until the old one is gone, so a crash at any point leaves nothing of
    // mcsim's unlisted.
    writeManifest(manifest, [...new Set([...previous, ...names])]);
    for (const { tmp, path } of staged) renameSync(tmp, path);
    for (const name of previous) if (!names.has(name)) removeListed(manifest, name);
    writeManifest(manifest, [...names]);
  }

  abort(): void {
    for (const { tmp } of this.staged.splice(0)) rmSync(tmp, { force: true });
  }
}

/**
 * Runs `write` on `files`, or on a set of its own that it commits when `write` succeeds and aborts
 * when it fails: report writers take a caller's set (to join other files) or stand alone.
 */
export async function writeTogether<T>(files: FileSet | undefined, write: (files: FileSet) => Promise<T> | T): Promise<T> {
  return files ? write(files) : commitAfter(new FileSet(), write);
}

/** Runs `write` on `files`, then commits the set if `write` succeeds, or aborts it if it fails. */
export async function commitAfter<T>(files: FileSet, write: (files: FileSet) => Promise<T> | T): Promise<T> {
  try {
    const result = await write(files);
    files.commit();
    return result;
  } catch (err) {
    files.abort();
    throw err;
  }
}

/**
 * A file written line by line (e.g. a per-frame log of millions of lines) into its temporary sibling,
 * buffered; a FileSet renames it into place (adopt), or abort() removes it.
 */
export class StreamedFile {
  readonly tmp: string;
  private readonly fd: number;
  private buffer: string[] = [];
  private buffered = 0;
  private open = true;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = temporaryPath(path);
    this.fd = openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered > 1 << 16) this.flush();
  }

  close(): void {
    if (!this.open) return;
    this.flush();
    this.open = false;
    try {
      closeSync(this.fd);
    } catch (err) {
      throw withPath(err, this.path);
    }
  }

  abort(): void {
    if (this.open) closeSync(this.fd);
    this.open = false;
    rmSync(this.tmp, { force: true });
  }

  private flush(): void {
    try {
      writeSync(this.fd, this.buffer.join(''));
    } catch (err) {
      throw withPath(err, this.path);
    }
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
