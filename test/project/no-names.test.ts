/**
 * Shared code knows no strategy and no metric (issue 18): src/report/ and src/scenario/ read the
 * metric catalogue passed with the results and the strategy registry's fields, so a plugin's metrics
 * and options get the same tables and charts as built-in ones. This test parses them and fails on a
 * string literal (or template text) that is a built-in strategy's name or a key path into its block
 * (`cachenet.tau`), or a catalogue metric's column (with its `_lo`, `_hi`, `_vs_ref` forms), and on a
 * property named after a metric (`latency_mean:`, `.latency_mean`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { strategyMetricCatalogue, strategyNames } from '../../src/strategies/registry.js';
import { folderOf, readSources } from './sources.js';

/**
 * Words that are both a metric column and an ordinary field of something else, where they are the
 * other thing: `frames` (the scenario's frame count) and `accuracy` (a trade-off point's field in
 * report/iso-accuracy.ts) as properties. String literals of them are still refused.
 */
const PROPERTY_HOMONYMS = new Set(['frames', 'accuracy']);

const metrics = strategyMetricCatalogue()
  .map((m) => m.name)
  .filter((n) => !n.includes('<'));
const columns = new Set(metrics.flatMap((m) => [m, `${m}_lo`, `${m}_hi`, `${m}_vs_ref`, `${m}_vs_ref_lo`, `${m}_vs_ref_hi`]));

function namesStrategy(text: string): string | undefined {
  return strategyNames.find((s) => text === s || text.startsWith(`${s}.`));
}

/** Offending literals and properties of one file, as `path:line: text`. */
function offences(path: string, ast: ts.SourceFile): string[] {
  const found: string[] = [];
  const at = (n: ts.Node, what: string) => found.push(`src/${path}:${ast.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${what}`);
  const visit = (node: ts.Node) => {
    const isImport = ts.isImportDeclaration(node) || ts.isExportDeclaration(node);
    if (isImport) return;
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const text = node.text;
      const strategy = namesStrategy(text);
      if (strategy) at(node, `'${text}' names strategy ${strategy}`);
      else if (columns.has(text)) at(node, `'${text}' names metric ${text}`);
    } else if (ts.isIdentifier(node) && columns.has(node.text) && !PROPERTY_HOMONYMS.has(node.text)) {
      const parent = node.parent;
      const isProperty = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node) || (ts.isPropertySignature(parent) && parent.name === node);
      if (isProperty) at(node, `property ${node.text} names metric ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
  return found;
}

test('src/report and src/scenario name no built-in strategy and no metric', () => {
  const shared = readSources().filter((s) => ['report', 'scenario'].includes(folderOf(s.path)));
  assert.ok(shared.length > 20, 'the sources were found');
  assert.deepEqual(shared.flatMap((s) => offences(s.path, s.ast)), []);
});

test('the check sees what it looks for: a literal strategy, a key path, a metric column, a metric property', () => {
  const ast = ts.createSourceFile('x.ts', "const a = ['edge-only', `cachenet.tau`]; const b = { latency_mean: 1 }; f(r.partition_downloads_per_frame_vs_ref, 'accuracy_lo');", ts.ScriptTarget.Latest, true);
  assert.equal(offences('x.ts', ast).length, 5, offences('x.ts', ast).join('\n'));
});
