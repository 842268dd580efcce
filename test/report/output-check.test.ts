import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { outputPrefix } from '../../src/report/files.js';
import { checkOutputs } from '../../src/report/output-check.js';

const refused = (re: RegExp) => (e: unknown) => e instanceof InputError && re.test(e.message);

test('outputs are checked before any work: not an input, not inside one, the right kind, writable; nothing is left behind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-out-'));
  const input = join(dir, 'x.txt');
  writeFileSync(input, '1\n');
  mkdirSync(join(dir, 'folder'));
  assert.throws(() => checkOutputs([{ path: input, kind: 'file' }], [input]), refused(/output would overwrite the input/));
  assert.throws(() => checkOutputs([{ path: join(input, 'sub'), kind: 'folder' }], [input]), refused(/would be written inside the input/));
  assert.throws(() => checkOutputs([{ path: join(dir, 'folder'), kind: 'file' }], []), refused(/is a folder, expected a file name/));
  assert.throws(() => checkOutputs([{ path: input, kind: 'folder' }], []), refused(/is a file, expected a folder/));
  assert.throws(() => checkOutputs([{ path: join(input, 'a', 'b'), kind: 'folder' }], []), refused(/x\.txt is a file, so no folder can be created inside it/));
  assert.throws(() => checkOutputs([{ path: '', kind: 'folder' }], []), refused(/output path '': expected a folder name/));
  assert.throws(() => checkOutputs([{ path: '/proc/mcsim-test/x', kind: 'folder' }], []), refused(/cannot write in \/proc/));
  checkOutputs([{ path: join(dir, 'new', 'deeper'), kind: 'folder' }, { path: join(dir, 'folder', 'f.csv'), kind: 'file' }], [input]);
  assert.equal(existsSync(join(dir, 'new')), false, 'a check creates nothing');
  assert.deepEqual(readdirSync(dir).sort(), ['folder', 'x.txt']);
});

test('an output prefix naming a folder writes <folder>/<name>.*, not hidden files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-out-'));
  assert.equal(outputPrefix(`${dir}/`, 'mrc'), join(dir, 'mrc'));
  assert.equal(outputPrefix(dir, 'mrc'), join(dir, 'mrc'));
  assert.equal(outputPrefix(join(dir, 'tr'), 'mrc'), join(dir, 'tr'));
  assert.equal(outputPrefix('tr/', 'mrc'), join('tr', 'mrc'));
});
