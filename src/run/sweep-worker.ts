/** A sweep worker thread: receives jobs, runs them, replies with their metrics or the error. */
import { parentPort, workerData } from 'node:worker_threads';
import { ScenarioFiles } from '../scenario/files.js';
import { registriesOf, type Registries } from '../scenario/registries.js';
import type { JobReply } from './sweep-pool.js';
import { runJob, type Job, type SweepSpec } from './sweep.js';
import { threadError } from '../scenario/thread-error.js';

/**
 * Answers job messages; one ScenarioFiles for all of this worker's jobs, so each file is read once.
 * The spec's plugins are loaded here, in this thread, and checked against their recorded hashes: a
 * failure to load answers every job with that error.
 */
function serve(spec: SweepSpec, registries: Registries | Error): void {
  const files = new ScenarioFiles();
  parentPort!.on('message', ({ id, job }: { id: number; job: Job }) => {
    let reply: JobReply;
    try {
      if (registries instanceof Error) throw registries;
      reply = { id, result: runJob(spec, job, files, registries) };
    } catch (err) {
      reply = { id, error: threadError(err) };
    }
    parentPort!.postMessage(reply);
  });
}

const spec = workerData as SweepSpec;
serve(spec, await registriesOf(spec.plugins ?? []).catch((err: Error) => err));
