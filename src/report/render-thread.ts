/**
 * Charts rendered on a second thread. Loading vega is ~0.4 s of module compilation on the thread that
 * imports it; a command that will draw starts this thread first, so vega loads on another core while
 * the command reads and simulates, and the SVGs come back from it, the same bytes as renderSvg's
 * (the thread runs renderSvg). The thread keeps the process alive only while a chart is pending, so a
 * command that fails before drawing exits as it would without it.
 */
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { Render } from './render.js';

export type RenderReply = { id: number; svg: string } | { id: number; error: string };

// Compiled (dist/), the worker is plain JavaScript; from the sources, its entry registers tsx first.
const WORKER = import.meta.url.endsWith('.js') ? new URL('./render-worker.js', import.meta.url) : new URL('./render-worker-entry.mjs', import.meta.url);

export function renderThread(): Render {
  const worker = new Worker(WORKER);
  const pending = new Map<number, { resolve: (svg: string) => void; reject: (err: Error) => void }>();
  let next = 0, failed: Error | undefined;
  const settle = (id: number) => {
    const p = pending.get(id)!;
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return p;
  };
  worker.on('message', (reply: RenderReply) => {
    const p = settle(reply.id);
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve(reply.svg);
  });
  const fail = (err: Error) => {
    failed = err;
    for (const id of [...pending.keys()]) settle(id).reject(err);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the chart thread exited (code ${code})`)));
  // After the listeners: adding a 'message' listener refs the worker again.
  worker.unref();
  return (spec: TopLevelSpec) =>
    new Promise<string>((resolve, reject) => {
      if (failed) return reject(failed);
      pending.set(next, { resolve, reject });
      worker.ref();
      worker.postMessage({ id: next++, spec });
    });
}
