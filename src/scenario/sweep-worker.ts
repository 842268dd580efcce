/** A sweep worker thread: receives jobs, runs them, replies with their metrics or the error. */
import { parentPort, workerData } from 'node:worker_threads';
import { ScenarioFiles } from './files.js';
import type { JobReply } from './sweep-pool.js';
import { runJob, type Job, type SweepSpec } from './sweep.js';
import { threadError } from './thread-error.js';

/** Answers job messages; one ScenarioFiles for all of this worker's jobs, so each file is read once. */
function serve(spec: SweepSpec): void {
  const files = new ScenarioFiles();
  parentPort!.on('message', ({ id, job }: { id: number; job: Job }) => {
    let reply: JobReply;
    try {
      reply = { id, result: runJob(spec, job, files) };
    } catch (err) {
      reply = { id, error: threadError(err) };
    }
    parentPort!.postMessage(reply);
  });
}

serve(workerData as SweepSpec);
