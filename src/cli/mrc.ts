/**
 * `mcsim mrc <trace>`: replays a cache trace through replacement policies at chosen sizes, prints a
 * table and writes `<out>.csv`, LRU's exact curve from stack distances (`<out>.lru-curve.csv`; with
 * `--sample`, its SHARDS estimate instead, mrc/shards.ts), and
 * the chart (`<out>.vl.json` and `<out>.svg`, or the `--chart-format`s asked for; not for one size without the curve).
 * The trace is read once into a spool (traces/spool.ts) that every replay and the curve read in
 * blocks: memory by objects, whatever the trace's length.
 */
import type { CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { parseSizes, workingSet } from '../mrc/sizes.js';
import { lruCurveOf, type MissCurve } from '../mrc/stack-distance.js';
import { parseSample, sampleLabel, shardsCurveOf } from '../mrc/shards.js';
import { policyNames } from '../policies/registry.js';
import { policyTable } from './mrc-policies.js';
import { replayOnThreads, threadsFor } from './mrc-threads.js';
import { mrcHasChart, mrcTable, writeMrcReport } from '../report/mrc-report.js';
import type { ChartFormat } from '../report/chart-formats.js';
import { chartFormatArg } from './chart.js';
import { renderThread } from '../report/render-thread.js';
import { commitAfter, FileSet, outputPrefix } from '../report/files.js';
import { prefixManifest } from '../report/manifest.js';
import { checkOutputs } from '../report/output-check.js';
import { guardOutputs } from './interrupt.js';
import { spoolTraceArg, traceArgs, type TraceArgs } from './trace-args.js';
import { commandInfo } from './commands.js';

interface MrcArgs extends TraceArgs {
  policy: string;
  admission?: string;
  size: string;
  bytes: boolean;
  curve: boolean;
  sample?: string;
  'trust-next': boolean;
  workers?: number;
  seed: string;
  out: string;
  'chart-format': ChartFormat[];
}

export const mrcCommand: CommandModule<object, MrcArgs> = {
  ...commandInfo.mrc,
  builder: (y) =>
    traceArgs(y)
      .option('policy', { type: 'string', default: 'lru,lfu,fifo,belady', describe: `comma-separated policies: ${policyNames.join(', ')}, or plugin modules (./my-policy.ts)` })
      .option('admission', { type: 'string', describe: "put every --policy behind an admission filter, as libCacheSim's cachesim -a: second-request (an object enters on its second miss; cachesim's bloom-filter) or size:N (only objects smaller than N bytes); rows are named <policy>+<filter>, the LRU curve stays unfiltered" })
      .option('size', { type: 'string', demandOption: true, describe: 'comma-separated cache sizes: slots (bytes with --bytes; KiB/MiB/GiB allowed), or fractions (0.1, 10%) of the working set (known after the one streaming pass over the trace, so pipes work too)' })
      .option('bytes', { type: 'boolean', default: false, describe: 'capacities in bytes and objects of their trace size (needs sizes in the trace)' })
      .option('curve', { type: 'boolean', default: true, describe: "also compute LRU's exact curve at every size by stack distances (--no-curve to skip)" })
      .option('sample', { type: 'string', describe: "estimate LRU's curve from a spatial sample (SHARDS) instead of the exact pass: shards:RATE (0 < RATE <= 1, e.g. shards:0.01) or shards-size:N (at most N sampled objects); <out>.lru-curve.csv and the chart then say it is an estimate, with the rate; the --policy rows are still simulated on the whole trace; with the fixed rate the sampled requests are held in memory (4-8 bytes each)" })
      .option('trust-next', { type: 'boolean', default: false, describe: "oracleGeneral traces: take each record's next_access_vtime (libCacheSim's 1-based index of the object's next request, -1 = never) as Belady's future instead of computing it by a backward pass over the spooled keys; a value that is not a later request is an error" })
      .option('workers', { type: 'number', describe: 'threads replaying the (policy, size) runs, all reading the one spooled copy of the trace (default: 2 when the machine has 2 cores or more and the runs add up to 4 M requests or more, where a second thread pays for its start; else 1); the same rows whatever the number' })
      .option('seed', { type: 'string', default: 'mcsim', describe: 'seed for randomized policies' })
      .option('out', { type: 'string', default: 'reports/mrc', describe: 'output path prefix: <out>.csv, <out>.lru-curve.csv, <out>.vl.json, <out>.svg (a folder: <out>/mrc.csv, ...; the chart needs the curve or two sizes)' })
      .option('chart-format', chartFormatArg("formats of the chart (--format is the trace's)"))
      .example('$0 mrc ../shared/data/cachetraces/cloudPhysicsIO.txt --size 10,1000,20000', 'LRU, LFU, FIFO and Belady at three sizes')
      .example('$0 mrc sprite.trace.gz --policy lru,belady,belady-bypass --size 1%,5%,25%', 'sizes as fractions of the working set')
      .example('$0 mrc big.oracleGeneral.bin --policy lru --size 1000 --sample shards:0.01', "LRU's curve estimated from a 1% sample of the objects")
      .example('$0 mrc cloudPhysicsIO.oracleGeneral.bin --bytes --size 64MiB,512MiB --policy lru,lfu', 'byte capacities')
      .example('$0 mrc trace.oracleGeneral.zst --policy lru --size 1% --no-curve', "a zstd-compressed trace, as libCacheSim's datasets ship")
      .example('$0 mrc cloudPhysicsIO.txt --size 1%,10% --chart-format svg,png,pdf', 'the chart also as PNG and PDF, for a paper')
      .example('$0 mrc cloudPhysicsIO.oracleGeneral.bin --bytes --size 100MiB --policy lru,gdsf --admission second-request', 'LRU and GDSF that admit an object on its second miss')
      .example('$0 mrc requests.csv --header --id-col obj --size-col bytes --bytes --size 0.1', 'CSV with chosen columns'),
  handler: async (argv) => {
    const sample = argv.sample === undefined ? undefined : parseSample(argv.sample);
    if (sample && !argv.curve) throw new UsageError('--sample estimates the LRU curve, and --no-curve skips it: give one or the other');
    const { names, table } = await policyTable(argv.policy, argv.admission);
    const out = outputPrefix(argv.out, 'mrc');
    const files = ['.csv', '.lru-curve.csv', '.vl.json', ...argv['chart-format'].map((f) => `.${f}`)].map((ext) => `${out}${ext}`);
    checkOutputs(files.map((path) => ({ path, kind: 'file' })), [argv.trace]);
    // vega loads on a second thread while the trace is read and replayed.
    const render = mrcHasChart(argv.curve, argv.size.split(',').length) ? renderThread() : undefined;
    // One streaming pass into temporary files (memory by objects); every replay and the curve read
    // them back in blocks. They are unnamed (traces/spool.ts): a signal meanwhile ends the process
    // by its default action at once and leaves nothing behind.
    const trace = await spoolTraceArg(argv, argv['trust-next']);
    let rows, ws: number, curve: MissCurve | undefined;
    try {
      ws = workingSet(trace, argv.bytes);
      const sizes = parseSizes(argv.size, ws, argv.bytes);
      const threads = argv.workers ?? threadsFor(trace.length, names.length * sizes.length);
      rows = await replayOnThreads(trace, { policy: argv.policy, admission: argv.admission, names, table }, sizes, { bytes: argv.bytes, seed: argv.seed }, threads);
      if (sample) curve = shardsCurveOf(trace, argv.bytes, sample);
      else if (argv.curve) curve = lruCurveOf(trace, argv.bytes);
    } finally {
      trace.close();
    }
    const unit = argv.bytes ? 'bytes' : 'objects';
    console.log(`${argv.trace}: ${trace.length} requests, ${trace.keySpace} objects, working set ${ws} ${unit}`);
    console.log(mrcTable(rows));
    if (curve?.sample) {
      const s = curve.sample;
      console.log(`LRU curve: an estimate by ${sampleLabel(s)} from ${s.sampledRequests} sampled requests of ${s.sampledObjects} objects (the table's rows are simulated on the whole trace)`);
    }
    const oracles = names.filter((n) => table[n].needsFuture);
    // Guarded only from here: the replay above cannot let a signal in, and a signal then (with no
    // temporaries yet) ends the process by its default action at once. The report replaces the set
    // the previous mrc with this prefix wrote.
    const manifest = prefixManifest(out);
    const unguard = guardOutputs({ files: [...files, manifest] });
    const set = new FileSet(manifest);
    const { written, notes } = await commitAfter(set, () => writeMrcReport(out, { trace: argv.trace, rows, requests: trace.length, curve, unit, oracles, formats: argv['chart-format'] }, { render, files: set }));
    for (const note of notes) console.log(note);
    unguard();
    console.log(`wrote ${written.join(', ')}`);
  },
};
