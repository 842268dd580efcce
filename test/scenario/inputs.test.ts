import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioInputs } from '../../src/scenario/inputs.js';

test('a scenario reads itself and every existing file its values name, but not its output folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-inputs-'));
  writeFileSync(join(dir, 's.yaml'), '');
  writeFileSync(join(dir, 'hw.json'), '{}');
  mkdirSync(join(dir, 'profile'));
  mkdirSync(join(dir, 'reports', 'run'), { recursive: true });
  const raw = { name: 'x', hardware: { table: 'hw.json' }, split: { profile: { path: 'profile' } }, output: { dir: 'reports/run' }, other: ['none.csv', '.', '..'] };
  assert.deepEqual(scenarioInputs(join(dir, 's.yaml'), raw, dir), [join(dir, 's.yaml'), join(dir, 'hw.json'), join(dir, 'profile')]);
});
