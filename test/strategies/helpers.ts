/** Bundled scenarios replayed so that frame i is real test sample i, one second apart (no queueing). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare, type Prepared } from '../../src/scenario/prepare.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `scenarios/<file>` with a frame trace visiting every sample once, in index order, plus `sets`. */
export function eachSampleOnce(file: string, labels: Int32Array, ...sets: string[]): Prepared {
  const rows = Array.from(labels, (label, i) => `${i},0,${label},${i},3072`);
  const trace = join(mkdtempSync(join(tmpdir(), 'mcsim-once-')), 'frames.csv');
  writeFileSync(trace, `t,device,label,sample,bytes\n${rows.join('\n')}\n`);
  const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios', file), [
    `workload.trace=${trace}`,
    `frames=${labels.length}`,
    'warmupFrames=0',
    'replications=1',
    ...sets,
  ]);
  return prepare(scenario, baseDir);
}

/** Fields of a per-frame line: strategy, rep, device, seq, t, label, part, where, choice, correct, latency, 7 latency parts, device compute, device radio, edge compute and cloud compute energy, bytes up, bytes down. */
export function frameLines(lines: string[], strategy: string): string[][] {
  return lines.filter((l) => l.startsWith(`${strategy},`)).map((l) => l.split(','));
}
