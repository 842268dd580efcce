/** `mcsim trace <trace>`: statistics of a cache trace (size, one-hit wonders, skew, reuse, LRU sizes). */
import type { CommandModule } from 'yargs';
import { jsonText, writeFileAtomic } from '../report/files.js';
import { checkOutputs } from '../report/output-check.js';
import { formatTable } from '../report/table.js';
import { traceStats } from '../mrc/trace-stats.js';
import { guardOutputs } from './interrupt.js';
import { spoolTraceArg, traceArgs, type TraceArgs } from './trace-args.js';
import { commandInfo } from './commands.js';

export const traceCommand: CommandModule<object, TraceArgs & { out?: string }> = {
  ...commandInfo.trace,
  builder: (y) =>
    traceArgs(y)
      .option('out', { type: 'string', describe: 'Also write the statistics as JSON to this file' })
      .example('$0 trace ../shared/data/cachetraces/sprite.trace.gz', 'Print the statistics')
      .example('$0 trace requests.csv --header --id-col obj --size-col bytes --out stats.json', 'CSV columns; JSON output') as never,
  async handler(argv) {
    if (argv.out !== undefined) checkOutputs([{ path: argv.out, kind: 'file' }], [argv.trace]);
    const trace = await spoolTraceArg(argv);
    let stats;
    try {
      stats = traceStats(trace);
    } finally {
      trace.close();
    }
    const cell = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(4));
    console.log(formatTable(['statistic', 'value'], Object.entries(stats).map(([k, v]) => [k, cell(v)])));
    if (argv.out === undefined) return;
    // Guarded only while writing: the statistics above cannot let a signal in.
    const unguard = guardOutputs({ files: [argv.out] });
    writeFileAtomic(argv.out, jsonText(stats));
    unguard();
  },
};
