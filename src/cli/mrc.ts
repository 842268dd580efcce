/**
 * `mcsim mrc <trace>`: replays a cache trace through replacement policies at chosen sizes, prints a
 * table and writes `<out>.csv`, LRU's exact curve from stack distances (`<out>.lru-curve.csv`), and
 * the chart (`<out>.vl.json` and `<out>.svg`; not for one size without the curve).
 */
import type { CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { missRatios } from '../mrc/miss-ratios.js';
import { traceSizes } from '../mrc/replay.js';
import { parseSizes, workingSet } from '../mrc/sizes.js';
import { lruMissCurve } from '../mrc/stack-distance.js';
import { isPolicyName, policies, policyNames, type PolicyName } from '../policies/registry.js';
import { mrcHasChart, mrcTable, writeMrcReport } from '../report/mrc-report.js';
import { renderThread } from '../report/render-thread.js';
import { outputPrefix } from '../report/files.js';
import { checkOutputs } from '../report/output-check.js';
import { guardOutputs } from './interrupt.js';
import { readTraceArg, traceArgs, type TraceArgs } from './trace-args.js';
import { commandInfo } from './commands.js';

interface MrcArgs extends TraceArgs {
  policy: string;
  size: string;
  bytes: boolean;
  curve: boolean;
  seed: string;
  out: string;
}

function parsePolicies(spec: string): PolicyName[] {
  return spec.split(',').map((s) => {
    const name = s.trim();
    if (!isPolicyName(name)) throw new UsageError(`--policy: unknown policy "${name}" (expected one of ${policyNames.join(', ')})`);
    return name;
  });
}

export const mrcCommand: CommandModule<object, MrcArgs> = {
  ...commandInfo.mrc,
  builder: (y) =>
    traceArgs(y)
      .option('policy', { type: 'string', default: 'lru,lfu,fifo,belady', describe: `comma-separated policies: ${policyNames.join(', ')}` })
      .option('size', { type: 'string', demandOption: true, describe: 'comma-separated cache sizes: slots (bytes with --bytes; KiB/MiB/GiB allowed), or fractions (0.1, 10%) of the working set' })
      .option('bytes', { type: 'boolean', default: false, describe: 'capacities in bytes and objects of their trace size (needs sizes in the trace)' })
      .option('curve', { type: 'boolean', default: true, describe: "also compute LRU's exact curve at every size by stack distances (--no-curve to skip)" })
      .option('seed', { type: 'string', default: 'mcsim', describe: 'seed for randomized policies' })
      .option('out', { type: 'string', default: 'reports/mrc', describe: 'output path prefix: <out>.csv, <out>.lru-curve.csv, <out>.vl.json, <out>.svg (a folder: <out>/mrc.csv, ...; the chart needs the curve or two sizes)' })
      .example('$0 mrc ../shared/data/cachetraces/cloudPhysicsIO.txt --size 10,1000,20000', 'LRU, LFU, FIFO and Belady at three sizes')
      .example('$0 mrc sprite.trace.gz --policy lru,belady,belady-bypass --size 1%,5%,25%', 'sizes as fractions of the working set')
      .example('$0 mrc cloudPhysicsIO.oracleGeneral.bin --bytes --size 64MiB,512MiB --policy lru,lfu', 'byte capacities')
      .example('$0 mrc requests.csv --header --id-col obj --size-col bytes --bytes --size 0.1', 'CSV with chosen columns'),
  handler: async (argv) => {
    const names = parsePolicies(argv.policy);
    const out = outputPrefix(argv.out, 'mrc');
    const files = ['.csv', '.lru-curve.csv', '.vl.json', '.svg'].map((ext) => `${out}${ext}`);
    checkOutputs(files.map((path) => ({ path, kind: 'file' })), [argv.trace]);
    const unguard = guardOutputs(files);
    // vega loads on a second thread while the trace is read and replayed.
    const render = mrcHasChart(argv.curve, argv.size.split(',').length) ? renderThread() : undefined;
    const trace = await readTraceArg(argv);
    const ws = workingSet(trace, argv.bytes);
    const sizes = parseSizes(argv.size, ws, argv.bytes);
    const rows = missRatios(trace, names, sizes, { bytes: argv.bytes, seed: argv.seed });
    const unit = argv.bytes ? 'bytes' : 'objects';
    console.log(`${argv.trace}: ${trace.keys.length} requests, ${trace.keySpace} objects, working set ${ws} ${unit}`);
    console.log(mrcTable(rows));
    const curve = argv.curve ? lruMissCurve(trace.keys, trace.keySpace, argv.bytes ? traceSizes(trace) : undefined) : undefined;
    const oracles = names.filter((n) => policies[n].needsFuture);
    const { written, notes } = await writeMrcReport(out, { trace: argv.trace, rows, requests: trace.keys.length, curve, unit, oracles }, { render });
    for (const note of notes) console.log(note);
    unguard();
    console.log(`wrote ${written.join(', ')}`);
  },
};
