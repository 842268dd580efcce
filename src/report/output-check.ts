/**
 * Outputs are checked before any work starts (a simulation can take hours): every output folder must
 * be creatable and writable, a file output must not be a folder (nor a folder output a file), and no
 * output may equal an input or lie inside one.
 */
import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import { temporaryPath } from './temporary.js';

export interface Output {
  path: string;
  kind: 'file' | 'folder';
}

/** The nearest folder of `path` that exists (where the missing ones will be created). */
function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

/** Creating (and removing) an empty file proves the folder is writable: access() would say yes to root on a read-only mount. */
function probeWritable(dir: string, what: string): void {
  if (!statSync(dir).isDirectory()) throw new InputError(`${what}: ${dir} is a file, so no folder can be created inside it`);
  const probe = temporaryPath(resolve(dir, 'probe'));
  try {
    closeSync(openSync(probe, 'w'));
  } catch (err) {
    throw new InputError(`${what}: cannot write in ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  rmSync(probe, { force: true });
}

export function checkOutputs(outputs: readonly Output[], inputs: readonly string[]): void {
  const ins = inputs.map((i) => resolve(i));
  for (const { path, kind } of outputs) {
    if (path.trim() === '') throw new InputError(`output path '': expected a ${kind} name`);
    const p = resolve(path);
    const clash = ins.find((i) => p === i || p.startsWith(i + sep));
    if (clash) throw new InputError(`${path}: output would ${p === clash ? 'overwrite' : 'be written inside'} the input ${clash}`);
    if (existsSync(p)) {
      const isDir = statSync(p).isDirectory();
      if (kind === 'file' && isDir) throw new InputError(`${path}: is a folder, expected a file name for the output`);
      if (kind === 'folder' && !isDir) throw new InputError(`${path}: is a file, expected a folder for the outputs`);
    }
    probeWritable(nearestExisting(kind === 'folder' ? p : dirname(p)), path);
  }
}
