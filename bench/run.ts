/**
 * `npm run bench [-- name-filter]`: runs every benchmark case, prints one JSON line per case and
 * writes bench/results/<case>.json.
 */
import { fileURLToPath } from 'node:url';
import { kernelCases } from './kernel.js';
import { libCacheSimCases } from './libcachesim.js';
import { overloadCases } from './overload.js';
import { pluginPolicyCases } from './plugin-policy.js';
import { policyCases } from './policies.js';
import { scenarioCases } from './scenario.js';
import { startupCases } from './startup.js';
import { sweepCases } from './sweep.js';
import { traceLengthCases } from './trace-length.js';
import { streamReplayCases } from './stream-replay.js';
import { runCase, saveResult, type BenchCase } from './harness.js';

const cases: BenchCase[] = [...kernelCases, ...policyCases, ...(await pluginPolicyCases()), ...libCacheSimCases(), ...scenarioCases(), ...overloadCases(), ...sweepCases(), ...startupCases, ...traceLengthCases(), ...streamReplayCases()];
const filter = process.argv[2] ?? '';
const dir = fileURLToPath(new URL('./results', import.meta.url));
for (const c of cases.filter((c) => c.name.includes(filter))) {
  const result = await runCase(c);
  saveResult(dir, result);
  console.log(JSON.stringify(result));
}
