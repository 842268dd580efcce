/**
 * The names of mcsim's temporary files. Every output is first written to a hidden sibling
 * `.<name>.mcsim-<pid>-<8 hex digits>.tmp` and renamed into place (files.ts); the marker `.mcsim-`, the
 * writing process's id and a random tag make a name no user's own naming scheme produces by accident
 * (`data.123.tmp` is not one), so cli/interrupt.ts can remove those of a process that is gone, and
 * only those.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

const TEMPORARY = /^\.(.+)\.mcsim-(\d+)-[0-9a-f]{8}\.tmp$/;

/** A fresh temporary sibling of `path`, in this process's name. */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.mcsim-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** The file a temporary's name is for and the process that wrote it; undefined for any other name. */
export function parseTemporary(name: string): { target: string; pid: number } | undefined {
  const m = TEMPORARY.exec(name);
  return m ? { target: m[1], pid: Number(m[2]) } : undefined;
}
