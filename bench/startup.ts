/**
 * Start-up of the command line (issue 13: `mcsim --help` within 1.5x of a bare `node -e 0`), whole
 * process each, through bin/mcsim.js as a user runs it. ratio = node's time / mcsim's, so 0.67 is 1.5x.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from './harness.js';

const bin = fileURLToPath(new URL('../bin/mcsim.js', import.meta.url));

function spawn(argv: string[]): void {
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} failed: ${r.stderr}`);
}

const startup = (name: string, args: string[]): BenchCase => ({
  name,
  unit: 'starts/s',
  work: 1,
  rounds: 11,
  subject: () => spawn([bin, ...args]),
  baseline: () => spawn(['-e', '0']),
});

export const startupCases: BenchCase[] = [startup('startup-help', ['--help']), startup('startup-run-help', ['run', '--help'])];
