/**
 * The set of files the last command wrote into a folder, kept in a manifest, so that the next one's set
 * replaces it as a whole: a file of the old set that the new set lacks (a run's frames.csv, a chart not
 * drawn this time) is removed, and nothing else ever is. A file is removed only if the manifest lists it,
 * it lies inside the manifest's folder and is a regular file reached without a symlink; a missing or
 * unreadable manifest removes nothing.
 */
import { lstatSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { temporaryPath } from './temporary.js';

/** The manifest of an output folder. */
export const folderManifest = (dir: string) => join(dir, '.mcsim-files.json');

/** The manifest of the files an output prefix names (`<prefix>.csv`, `<prefix>.svg`, ...). */
export const prefixManifest = (prefix: string) => join(dirname(prefix), `.${basename(prefix)}.mcsim-files.json`);

const lstatOrNull = (path: string) => {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
};

/** A listed name that stays inside the folder: relative, no `..`. */
const inside = (name: unknown): name is string => typeof name === 'string' && name !== '' && !isAbsolute(name) && !normalize(name).split(sep).includes('..');

/** The files a manifest lists, relative to its folder; none when it is missing, not a regular file or not one of ours. */
export function readManifest(manifest: string): string[] {
  if (!lstatOrNull(manifest)?.isFile()) return [];
  try {
    const { files } = JSON.parse(readFileSync(manifest, 'utf8')) as { files?: unknown };
    return Array.isArray(files) ? files.filter(inside) : [];
  } catch {
    return [];
  }
}

/** Writes the manifest (through a temporary and a rename, like every output). */
export function writeManifest(manifest: string, files: readonly string[]): void {
  const tmp = temporaryPath(manifest);
  try {
    writeFileSync(tmp, JSON.stringify({ writtenBy: 'mcsim', files: [...files].sort() }, null, 2) + '\n');
    renameSync(tmp, manifest);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** `path` relative to the manifest's folder, or undefined if it lies outside it. */
export function listedName(manifest: string, path: string): string | undefined {
  const name = relative(dirname(resolve(manifest)), resolve(path));
  return inside(name) ? name : undefined;
}

/** Removes listed file `name` of the manifest's folder if it is a regular file and no folder on the way there is a symlink. */
export function removeListed(manifest: string, name: string): void {
  const base = dirname(resolve(manifest));
  const parts = normalize(name).split(sep);
  let path = base;
  for (const [i, part] of parts.entries()) {
    path = join(path, part);
    const st = lstatOrNull(path);
    if (!st || !(i < parts.length - 1 ? st.isDirectory() : st.isFile())) return;
  }
  unlinkSync(path);
}
