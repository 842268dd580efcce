/**
 * A command's temporary files (report/temporary.ts names them) and the signals that end it.
 *
 * From the moment a command starts writing outputs until it has renamed them into place, SIGINT,
 * SIGTERM and SIGHUP remove this process's temporaries and then end the process by the same signal,
 * so its parent sees it killed by the signal (a shell reports 130, 143, 129) and a shell loop stops too
 * (bash carries on after a child that exits normally, whatever its code). Every command keeps its event
 * loop free while guarded (runs pause every 16,384 events), so the signal is taken at once.
 *
 * At start, the temporaries a killed command left are removed: only names of mcsim's own pattern whose
 * process is gone, only directly in the output folder and the subfolders mcsim writes there (charts/,
 * jobs/), never through a symlink, or, for output files, only their own temporaries beside them.
 */
import { lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseTemporary } from '../report/temporary.js';

/** What a command writes. */
export interface Outputs {
  /** The output folder (--out; it may be a symlink the user named) and the subfolders of it mcsim writes. */
  folder?: { path: string; subfolders: readonly string[] };
  /** Output files (and an output prefix's manifest): only their own temporaries are looked at. */
  files?: readonly string[];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const isFolder = (path: string, follow: boolean) => {
  try {
    return (follow ? statSync(path) : lstatSync(path)).isDirectory();
  } catch {
    return false;
  }
};

/** mcsim's temporaries in `dir` (not below it) whose target `wanted` accepts; symlinks are never taken. */
function temporariesIn(dir: string, wanted: (target: string) => boolean): Array<{ path: string; pid: number }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const t = entry.isFile() ? parseTemporary(entry.name) : undefined;
    return t && wanted(t.target) ? [{ path: join(dir, entry.name), pid: t.pid }] : [];
  });
}

function temporaries({ folder, files = [] }: Outputs): Array<{ path: string; pid: number }> {
  const found: Array<{ path: string; pid: number }> = [];
  if (folder && isFolder(folder.path, true)) {
    found.push(...temporariesIn(folder.path, () => true));
    for (const sub of folder.subfolders) {
      const dir = join(folder.path, sub);
      if (isFolder(dir, false)) found.push(...temporariesIn(dir, () => true));
    }
  }
  for (const file of files) {
    if (isFolder(dirname(file), true)) found.push(...temporariesIn(dirname(file), (target) => target === basename(file)));
  }
  return found;
}

function remove(outputs: Outputs, which: (pid: number) => boolean): void {
  for (const t of temporaries(outputs)) if (which(t.pid)) rmSync(t.path, { force: true });
}

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

/**
 * Removes the stale temporaries of `outputs` and, until the returned function is called, on SIGINT,
 * SIGTERM or SIGHUP removes this process's own and ends the process by that signal.
 */
export function guardOutputs(outputs: Outputs): () => void {
  remove(outputs, (pid) => pid !== process.pid && !alive(pid));
  const unguard = () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
  const handlers = Object.entries(SIGNALS).map(([signal, number]) => {
    const handler = () => {
      remove(outputs, (pid) => pid === process.pid);
      // Without a listener the signal's default action applies again: the process ends by it.
      unguard();
      process.kill(process.pid, signal);
      process.exit(128 + number); // only if the signal is ignored in this process
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return unguard;
}
