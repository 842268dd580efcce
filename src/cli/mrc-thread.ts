/** A replay thread of `mcsim mrc` (mrc-threads.ts): its share of the runs over the borrowed spool. */
import { parentPort, workerData } from 'node:worker_threads';
import { Spool } from '../traces/spool.js';
import { policyTable } from './mrc-policies.js';
import { replayRuns, type ThreadJob } from './mrc-threads.js';

const job = workerData as ThreadJob;
try {
  const { table } = await policyTable(job.policy, job.admission);
  parentPort!.postMessage({ rows: replayRuns(Spool.borrow(job.handle), table, job.runs, job) });
} catch (err) {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
