import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { InputError } from '../../src/errors.js';
import { parseScenario, readScenarioFile } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { checkStrategies, simulateRun } from '../../src/run/simulate.js';
import { Rng } from '../../src/sim/rng.js';
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

test('partitions over an outcome table accept exactly the frames whose base prediction is in their classes; the encoder hint is that prediction\'s partition', () => {
  const raw = readScenarioFile(TINY) as Record<string, any>;
  raw.outcomes = { kind: 'table', path: '../../data/model-outputs/frugalml_ferplus_outcomes.csv.gz', models: ['github_cnn', 'microsoft'] };
  raw.partitions = { base: 'github_cnn', classes: [[0, 1, 2], [3, 4], [5, 6]], bytes: 1, cost: 'part' };
  raw.models = { ...raw.models, device: { outcome: 'github_cnn', cost: 'full' }, edge: { outcome: 'microsoft', cost: 'full' }, cloud: { outcome: 'microsoft', cost: 'full' } };
  raw.models.encoder = { outcome: 'microsoft', cost: 'enc' };
  const p = prepare(parseScenario(raw, TINY), dirname(TINY));
  const base = p.outcomes.predictions(p.outcomes.modelIndex('github_cnn'))!;
  const encoder = p.outcomes.predictions(p.outcomes.modelIndex('microsoft'))!;
  const rng = new Rng('unused');
  for (let s = 0; s < base.length; s += 97) {
    for (let k = 0; k < 3; k++) {
      const pred = p.outcomes.answer(p.outcomes.partitionIndex(k), s, rng);
      assert.equal(pred, p.partOf[base[s]] === k ? base[s] : -1, `sample ${s}, partition ${k}`);
      assert.equal(p.outcomes.entropy() === Infinity, pred < 0);
    }
    assert.equal(p.hintOf![s], p.partOf[encoder[s]]);
  }
});
