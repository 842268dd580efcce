/**
 * `mcsim mrc`'s (policy, size) runs over several threads: each thread replays every k-th run, all of
 * them reading the one spooled copy of the trace through shared descriptors (traces/spool.ts's
 * share/borrow; reads are positional), so the trace is read from its source once and the runs share
 * the cores. A thread rebuilds the policies from the same `--policy` and `--admission` text
 * (mrc-policies.ts): it runs the code the command named, plugins included. The rows come back in the
 * order one thread would give them, identical (a test compares them).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { missRatioRow, type MissRatioRow } from '../mrc/miss-ratios.js';
import { replayPolicy } from '../mrc/replay.js';
import type { Spool, SpoolHandle } from '../traces/spool.js';
import type { PolicyTable } from './mrc-policies.js';

export interface ThreadJob {
  handle: SpoolHandle;
  policy: string;
  admission?: string;
  runs: Array<[name: string, size: number]>;
  bytes: boolean;
  seed: string;
}

/** Replay work (requests x runs) below which a second thread costs more to start than it saves. */
const WORTH_A_THREAD = 4_000_000;

/** The default thread count: 2 where there are 2 cores and enough work, else 1. */
export function threadsFor(requests: number, runs: number): number {
  return runs >= 2 && requests * runs >= WORTH_A_THREAD && availableParallelism() >= 2 ? 2 : 1;
}

const WORKER = import.meta.url.endsWith('.js') ? new URL('./mrc-thread.js', import.meta.url) : new URL('./mrc-thread-entry.mjs', import.meta.url);

/** Every (name, size) row, names outer, replayed over `threads` threads (this one included). */
export async function replayOnThreads(trace: Spool, policies: PolicyTable & { policy: string; admission?: string }, sizes: readonly number[], o: { bytes: boolean; seed: string }, threads: number): Promise<MissRatioRow[]> {
  const runs = policies.names.flatMap((name) => sizes.map((size) => [name, size] as [string, number]));
  // The oracles' future is computed once, here, before the other threads borrow the files.
  if (policies.names.some((n) => policies.table[n].needsFuture)) trace.prepareNextUses();
  const n = Math.max(1, Math.min(Math.floor(threads), runs.length));
  const share = (t: number) => runs.filter((_, i) => i % n === t);
  const others = Array.from({ length: n - 1 }, (_, t) => {
    const job: ThreadJob = { handle: trace.share(), policy: policies.policy, admission: policies.admission, runs: share(t + 1), bytes: o.bytes, seed: o.seed };
    return onThread(job);
  });
  const mine = replayRuns(trace, policies.table, share(0), o);
  const theirs = await Promise.all(others);
  const byThread = [mine, ...theirs];
  return runs.map((_, i) => byThread[i % n][Math.floor(i / n)]);
}

/** The runs on this thread. */
export function replayRuns(trace: Spool, table: PolicyTable['table'], runs: ThreadJob['runs'], o: { bytes: boolean; seed: string }): MissRatioRow[] {
  return runs.map(([name, size]) => missRatioRow(name, size, replayPolicy(trace, name, { capacity: size, bytes: o.bytes, seed: o.seed, policies: table })));
}

function onThread(job: ThreadJob): Promise<MissRatioRow[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    let rows: MissRatioRow[] | undefined;
    worker.once('message', (m: { rows?: MissRatioRow[]; error?: string }) => {
      if (m.error !== undefined) reject(new Error(m.error));
      else rows = m.rows;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (rows ? resolve(rows) : reject(new Error(`a replay thread ended with status ${code} before its rows`))));
  });
}
