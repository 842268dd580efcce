/**
 * Runs sweep jobs on worker threads (or in this thread with one worker or one job, in steps that let
 * the event loop in, so a signal ends the sweep at once). Each worker gets the sweep once and then one
 * job at a time; a result is handed to `done` as soon as it arrives. The first failure stops the pool;
 * results already handed over stay saved (so `--resume` can go on from there).
 */
import { Worker } from 'node:worker_threads';
import { ScenarioFiles } from '../scenario/files.js';
import type { Registries } from '../scenario/registries.js';
import type { ScenarioResult } from '../report/results.js';
import { stepsLettingIn } from './run.js';
import { runJobSteps, type Job, type SweepSpec } from './sweep.js';
import { fromThreadError, type ThreadError } from '../scenario/thread-error.js';

export type JobReply = { id: number; result: ScenarioResult } | { id: number; error: ThreadError };

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
          if ('error' in reply) return reject(fromThreadError(reply.error));
          // done() saves the result (a full disk fails here): a throw inside this listener would
          // escape the promise as an uncaught exception.
          try {
            done(jobs[reply.id], reply.result);
          } catch (err) {
            return reject(err);
          }
          if (++finished === jobs.length) resolve();
          else feed(w);
        });
        // A failure outside a job (the worker's start-up, its heap exhausted) arrives as 'error'; a
        // worker that ends without one (process.exit in a plugin) must not leave the sweep waiting.
        w.on('error', reject);
        w.on('exit', (code) => reject(new Error(`a sweep worker thread stopped (exit code ${code}) before its jobs were done`)));
        feed(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
