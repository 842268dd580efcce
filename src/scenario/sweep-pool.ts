/**
 * Runs sweep jobs on worker threads (or in this thread with one worker or one job, in steps that let
 * the event loop in, so a signal ends the sweep at once). Each worker gets the sweep once and then one
 * job at a time; a result is handed to `done` as soon as it arrives. The first failure stops the pool;
 * results already handed over stay saved (so `--resume` can go on from there).
 */
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { ScenarioFiles } from './files.js';
import type { Registries } from './registries.js';
import { stepsLettingIn, type ScenarioResult } from './run.js';
import { runJobSteps, type Job, type SweepSpec } from './sweep.js';

export type JobReply = { id: number; result: ScenarioResult } | { id: number; error: string; input: boolean };

// Compiled (dist/), the worker is plain JavaScript; from the sources, its entry registers tsx first.
const WORKER = import.meta.url.endsWith('.js') ? new URL('./sweep-worker.js', import.meta.url) : new URL('./sweep-worker-entry.mjs', import.meta.url);

/**
 * Runs `jobs`; `registries` (the spec's plugins, loaded) serve the inline path, and every worker thread
 * loads the spec's plugins itself, refusing any whose content has changed.
 */
export async function runJobs(spec: SweepSpec, jobs: readonly Job[], workers: number, done: (job: Job, result: ScenarioResult) => void, registries?: Registries): Promise<void> {
  if (workers <= 1 || jobs.length <= 1) {
    const files = new ScenarioFiles();
    for (const job of jobs) done(job, await stepsLettingIn(runJobSteps(spec, job, files, registries)));
    return;
  }
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, () => new Worker(WORKER, { workerData: spec }));
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const feed = (w: Worker) => {
        if (next < jobs.length) w.postMessage({ id: next, job: jobs[next++] });
      };
      for (const w of pool) {
        w.on('message', (reply: JobReply) => {
          if ('error' in reply) return reject(reply.input ? new InputError(reply.error) : new Error(reply.error));
          done(jobs[reply.id], reply.result);
          if (++finished === jobs.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        feed(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
