import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/cli/parser.js';
import { topLevelHelp } from '../../src/cli/top-help.js';

test('the top-level help written without yargs is the text yargs writes, at every width', async () => {
  for (const width of [60, 80, 100, 110]) {
    assert.equal(topLevelHelp(width), await (await parser([], width)).getHelp(), `width ${width}`);
  }
});
