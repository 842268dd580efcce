import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { InputError } from '../../src/errors.js';
import { parseScenario, readScenarioFile } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { checkStrategies, simulateRun } from '../../src/run/simulate.js';
import { TINY } from '../scenario/helpers.js';

/** The tiny fixture without some of its top-level blocks / model entries. */
function tinyWithout(drop: (raw: Record<string, any>) => void) {
  const raw = readScenarioFile(TINY) as Record<string, any>;
  drop(raw);
  return prepare(parseScenario(raw, TINY), dirname(TINY));
}

test('partitions and the encoder are optional: other strategies run without them; cachenet refuses, naming the block', () => {
  const p = tinyWithout((raw) => {
    delete raw.partitions;
    delete raw.models.encoder;
  });
  assert.equal(p.partitions.length, 0);
  assert.equal(simulateRun(p, 'device-only', 0).metrics.frames, 200);
  assert.throws(() => simulateRun(p, 'cachenet', 0), (e: unknown) => e instanceof InputError && /cachenet needs the scenario block `partitions`/.test(e.message));
  assert.throws(() => checkStrategies(p), /cachenet needs the scenario block `partitions`/, 'mcsim validate sees it too');
  const noEncoder = tinyWithout((raw) => delete raw.models.encoder);
  assert.throws(() => simulateRun(noEncoder, 'cachenet', 0), (e: unknown) => e instanceof InputError && /models\.encoder/.test(e.message));
});

test('outcome tables carry no probability vectors: a partitions block with them is refused', () => {
  const raw = readScenarioFile(TINY) as Record<string, any>;
  raw.outcomes = { kind: 'table', path: '../../data/model-outputs/frugalml_ferplus_outcomes.csv.gz', models: ['github_cnn'] };
  assert.throws(() => prepare(parseScenario(raw, TINY), dirname(TINY)), (e: unknown) => e instanceof InputError && /^partitions: .*outcomes\.kind table/.test(e.message));
});
