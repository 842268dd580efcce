import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import YAML from 'yaml';
import { asInputError, classifyError, InputError, UsageError } from '../../src/errors.js';

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
};

test('anticipated failures are one line with exit 1 (2 for usage); a bug is not classified', () => {
  assert.deepEqual(classifyError(new InputError('a.yaml: frames: expected a number')), { message: 'a.yaml: frames: expected a number', exitCode: 1 });
  assert.equal(classifyError(new UsageError('--workers x'))?.exitCode, 2);
  const os = classifyError(thrown(() => readFileSync('/no/such/file')));
  assert.match(os!.message, /^\/no\/such\/file: no such file or folder \(ENOENT in open\)$/);
  const zlib = classifyError(thrown(() => gunzipSync(gzipSync('1\n2\n').subarray(0, 12))), 't.gz');
  assert.match(zlib!.message, /^t\.gz: not a complete gzip stream \(unexpected end of file, Z_BUF_ERROR\)/);
  const csv = classifyError(thrown(() => parse('a,1\nb,2\n"c,3\n')), 'q.csv');
  assert.match(csv!.message, /^q\.csv:3: invalid CSV: Quote Not Closed/);
  const yaml = classifyError(thrown(() => YAML.parse('[1, 2')), '--set x');
  assert.match(yaml!.message, /^--set x:1: invalid YAML: /);
  for (const bug of [new TypeError("Cannot read properties of undefined (reading 'values')"), new RangeError('x'), 'a string']) {
    assert.equal(classifyError(bug), undefined);
    assert.equal(asInputError(bug, 'f'), bug);
  }
  assert.ok(asInputError(thrown(() => parse('"x')), 'f.csv') instanceof InputError);
});
