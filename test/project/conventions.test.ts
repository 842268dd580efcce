/**
 * House rules that a type checker cannot see (DESIGN.md 9.3): randomness only through seeded Rng
 * streams, a public API of named exports, and every strategy and policy registered.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { policies } from '../../src/policies/registry.js';
import { strategies } from '../../src/strategies/registry.js';
import { predictors } from '../../src/strategies/prefetch/registry.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, f));

test('no Math.random in src: every draw comes from a seeded stream', () => {
  const offenders = files.filter((f) => /Math\.random\s*\(/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});

test('src/index.ts names its exports (no export *)', () => {
  assert.doesNotMatch(readFileSync(join(SRC, 'index.ts'), 'utf8'), /export \*/);
});

test('every strategy file and every policy file is registered', () => {
  const dir = join(SRC, 'strategies');
  // A strategy file is one that defines a StrategyEntry; the others (and folders of a strategy's parts) are building blocks.
  const entries = readdirSync(dir).filter((f) => f.endsWith('.ts') && /: StrategyEntry</.test(readFileSync(join(dir, f), 'utf8')));
  assert.deepEqual(entries.sort(), Object.keys(strategies).map((name) => `${name}.ts`).sort());
  for (const name of Object.keys(policies)) assert.ok(readdirSync(join(SRC, 'policies')).includes(`${name}.ts`), `policy ${name} has no file of its name`);
  for (const name of Object.keys(predictors)) assert.ok(readdirSync(join(dir, 'prefetch')).includes(`${name}.ts`), `predictor ${name} has no file of its name`);
});

test('the truth is seen only by the scorer: trueLabel is read only by named oracles, truth-scored metrics and models of nature', () => {
  // appeal: the noisy-oracle score (a named upper bound) and the AUROC metric; jalad: quantization turning right answers wrong;
  // edge-models: the fallback model's accuracy (a truth-scored metric).
  const allowed = ['world/world.ts', 'strategies/appeal.ts', 'strategies/jalad.ts', 'strategies/edge-models.ts'].map((f) => join(SRC, f));
  const readers = files.filter((f) => /\.trueLabel\(/.test(readFileSync(f, 'utf8')) && f.includes('/strategies/'));
  assert.deepEqual(readers.filter((f) => !allowed.includes(f)), []);
});
