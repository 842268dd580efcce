/**
 * Temporary files of a command's outputs (`<file>.<pid>.tmp`, see report/files.ts). On SIGINT or
 * SIGTERM the current process's are removed and the process exits 128 + the signal number (130, 143);
 * at start, those an earlier killed run left (their process is gone) are removed.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const TMP = /\.(\d+)\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary files of `output`: anywhere under it if it is a folder, else its own `<name>.<pid>.tmp` siblings. */
function temporaries(output: string): Array<{ path: string; pid: number }> {
  const isDir = existsSync(output) && statSync(output).isDirectory();
  const dir = isDir ? output : dirname(output);
  if (!existsSync(dir)) return [];
  const names = isDir ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : readdirSync(dir).filter((n) => n.startsWith(`${basename(output)}.`));
  return names.flatMap((n) => {
    const m = TMP.exec(n);
    return m ? [{ path: join(dir, n), pid: Number(m[1]) }] : [];
  });
}

function remove(outputs: readonly string[], which: (pid: number) => boolean): number {
  let n = 0;
  for (const o of outputs) {
    for (const t of temporaries(o)) {
      if (!which(t.pid)) continue;
      rmSync(t.path, { force: true });
      n++;
    }
  }
  return n;
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;

/**
 * Removes stale temporaries of `outputs` (files or folders) and, until the returned function is called,
 * removes this process's own on SIGINT/SIGTERM before exiting 130/143.
 */
export function guardOutputs(outputs: readonly string[]): () => void {
  remove(outputs, (pid) => pid !== process.pid && !alive(pid));
  const handlers = Object.entries(SIGNALS).map(([signal, number]) => {
    const handler = () => {
      remove(outputs, (pid) => pid === process.pid);
      process.exit(128 + number);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
}
