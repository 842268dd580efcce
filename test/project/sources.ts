/**
 * The sources under src/, parsed once with the TypeScript compiler (a devDependency), for tests of
 * house rules a type checker does not enforce: the import graph and module-level state.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

export interface Source {
  /** Path under src/, with '/' separators (e.g. `sim/engine.ts`). */
  path: string;
  ast: ts.SourceFile;
  /** Other src files it imports or re-exports from, type-only imports included. */
  imports: string[];
}

/** The folder of a src path (`sim`, `report`), or '.' for files at the top of src/. */
export const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '.');

export function readSources(): Source[] {
  const paths = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => /\.(ts|mts)$/.test(f)).map((f) => f.split('\\').join('/')).sort();
  return paths.map((path) => {
    const ast = ts.createSourceFile(path, readFileSync(join(SRC, path), 'utf8'), ts.ScriptTarget.Latest, true);
    return { path, ast, imports: importsOf(path, ast) };
  });
}

/** Relative module specifiers of import and export-from declarations, and of import('...') types. */
function importsOf(path: string, ast: ts.SourceFile): string[] {
  const specs: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specs.push(node.argument.literal.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
  return [...new Set(specs.filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(SRC, dirname(path), s)).split('\\').join('/').replace(/\.js$/, '.ts')))];
}

const MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'add', 'clear']);
const CONTAINERS = /^(Map|Set|WeakMap|WeakSet|Array|Object|(Int|Uint|Float|BigInt|BigUint)\d+(Clamped)?Array)$/;

/**
 * Module-level state of a source, as `name (line n): why`: a top-level `let` or `var`; a top-level
 * `const` holding a new container (Map, Set, typed array...); a top-level `const` array or object
 * literal that the file mutates (an element or property assigned, a mutating method called on it);
 * a static class field that is not readonly. Constants (`as const`, frozen, never written) pass.
 */
export function moduleState(src: Source): string[] {
  const found: string[] = [];
  const line = (n: ts.Node) => src.ast.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const literals = new Map<string, ts.Node>();
  for (const stmt of src.ast.statements) {
    if (ts.isClassDeclaration(stmt)) {
      for (const m of stmt.members) {
        const mods = ts.canHaveModifiers(m) ? ts.getModifiers(m) ?? [] : [];
        const is = (k: ts.SyntaxKind) => mods.some((x) => x.kind === k);
        if (ts.isPropertyDeclaration(m) && is(ts.SyntaxKind.StaticKeyword) && !is(ts.SyntaxKind.ReadonlyKeyword)) found.push(`${stmt.name?.text}.${m.name.getText()} (line ${line(m)}): static field not readonly`);
      }
    }
    if (!ts.isVariableStatement(stmt)) continue;
    const list = stmt.declarationList;
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const d of list.declarations) {
      const name = d.name.getText();
      if (!isConst) {
        found.push(`${name} (line ${line(d)}): top-level let/var`);
        continue;
      }
      let init = d.initializer;
      while (init && (ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
      if (!init) continue;
      if (ts.isAsExpression(init) && init.type.getText() === 'const') continue;
      if (ts.isAsExpression(init)) init = init.expression;
      if (ts.isNewExpression(init) && CONTAINERS.test(init.expression.getText())) found.push(`${name} (line ${line(d)}): top-level new ${init.expression.getText()}`);
      else if (ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init)) literals.set(name, d);
    }
  }
  if (literals.size === 0) return found;
  // Which literal bindings does the file write to? The root identifier of an assigned or mutated access.
  const root = (e: ts.Expression): string | undefined => {
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
    return ts.isIdentifier(e) ? e.text : undefined;
  };
  const written = new Map<string, number>();
  const visit = (node: ts.Node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const l = node.left;
      if (ts.isPropertyAccessExpression(l) || ts.isElementAccessExpression(l)) {
        const r = root(l);
        if (r && literals.has(r)) written.set(r, line(node));
      }
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      const r = root(node.operand);
      if (r && literals.has(r) && !ts.isIdentifier(node.operand)) written.set(r, line(node));
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATORS.has(node.expression.name.text)) {
      const r = root(node.expression.expression);
      if (r && literals.has(r)) written.set(r, line(node));
    } else if (ts.isDeleteExpression(node)) {
      const r = root(node.expression);
      if (r && literals.has(r)) written.set(r, line(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(src.ast);
  for (const [name, at] of written) found.push(`${name} (line ${line(literals.get(name)!)}): a top-level literal the module writes to (line ${at})`);
  return found;
}
