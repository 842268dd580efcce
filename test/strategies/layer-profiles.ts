/** Layer profiles for the split and jalad tests: the shipped AlexNet tables and hand-made ones. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ALEXNET = fileURLToPath(new URL('../../data/layer-profiles/neurosurgeon-alexnet/', import.meta.url));
/** A scratch folder for hand-made profiles and traces. */
export const SCRATCH = mkdtempSync(join(tmpdir(), 'mcsim-split-'));

/**
 * A Neurosurgeon-format profile in a scratch folder: `rows` are [name, cumulative device ms, remaining
 * server ms] from 'input' to 'softmax'; `elements` the tensor sizes of 'input' and each layer but softmax.
 */
export function nsProfile(name: string, rows: Array<[string, number, number]>, elements: number[]): string {
  const dir = join(SCRATCH, name);
  mkdirSync(dir);
  const latency = ['layer_name,mobile_processing,server_processing,transmission,end_to_end', ...rows.map(([n, m, s]) => `${n},${m},${s},0,0`)];
  writeFileSync(join(dir, 'ns_latency.txt'), latency.join('\n'));
  writeFileSync(join(dir, 'alexnet_layers.txt'), ['layer_name,d1', ...elements.map((e, i) => `${rows[i][0]},${e}`)].join('\n') + '\n');
  return dir;
}

/** A toy profile. 5 ms pre-processing; device a 50, b 200, softmax 100 ms; server a 10, b 10, softmax 10 ms.
 * Bytes: input 1,000,000, after a 4,000, after b (and softmax) 1,000.
 */
export const TOY = nsProfile('toy', [['input', 5, 30], ['a', 55, 20], ['b', 255, 10], ['softmax', 355, 0]], [250_000, 1000, 250]);

/** The `split` or `jalad` block over a Neurosurgeon profile folder (tcp variant) with the oracle estimator. */
export const splitSet = (block: 'split' | 'jalad', path: string, rest = '') => `${block}={profile: {path: '${path}', variant: tcp}, estimator: {kind: oracle}${rest}}`;
