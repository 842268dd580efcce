/**
 * Loading a plugin module by path: `.ts` through tsx (so it works from the compiled build too), `.js`
 * and `.mjs` as they are. The default export must be an entry made with a define helper
 * (scenario/define.ts); a wrong shape is one line naming the file and the missing member.
 *
 * A plugin is identified by its content: sha256 over the file and every local module it imports
 * (followed through relative import specifiers; packages and mcsim's own files are not hashed, the
 * mcsim version names those), so results, resumed sweeps and merged shards can say which code made them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import type { Plugin, PluginKind } from './define.js';

/** What results record of a plugin: enough to load it again and to tell another version apart. */
export interface PluginInfo {
  kind: PluginKind;
  name: string;
  /** Absolute path of the module. */
  path: string;
  sha256: string;
}

export interface LoadedPlugin {
  info: PluginInfo;
  entry: Plugin;
}

/** A string naming a plugin module rather than a registry entry. */
export function isModulePath(v: unknown): v is string {
  return typeof v === 'string' && /\.(ts|mts|js|mjs)$/i.test(v);
}

const KINDS: Record<PluginKind, string> = { policy: 'definePolicy', strategy: 'defineStrategy', predictor: 'definePredictor' };

export async function loadPlugin(path: string): Promise<LoadedPlugin> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new InputError(`${path}: no such plugin module`);
  const sha256 = pluginHash(path);
  let module: { default?: unknown };
  try {
    module = /\.m?ts$/i.test(path)
      ? await (await import('tsx/esm/api')).tsImport(pathToFileURL(path).href, import.meta.url)
      : await import(pathToFileURL(path).href);
  } catch (err) {
    throw new InputError(`${path}: cannot load the plugin (${(err as Error).message.split('\n')[0]})`);
  }
  // A .ts module in a CommonJS package (no "type": "module") is compiled to CommonJS: its default
  // export then arrives as the CommonJS exports' `default`.
  const value = module.default as { kind?: unknown; default?: unknown } | undefined;
  const entry = checkShape(path, value && value.kind === undefined && typeof value.default === 'object' ? value.default : value);
  return { info: { kind: entry.kind, name: entry.name, path, sha256 }, entry };
}

function checkShape(path: string, entry: unknown): Plugin {
  const missing = (member: string, what: string) => new InputError(`${path}: the default export has no ${member} (${what})`);
  if (typeof entry !== 'object' || entry === null) throw missing('entry', 'export default definePolicy({...}), defineStrategy({...}) or definePredictor({...})');
  const e = entry as Record<string, unknown>;
  if (typeof e.kind !== 'string' || !Object.hasOwn(KINDS, e.kind)) throw missing("'kind'", 'make it with definePolicy, defineStrategy or definePredictor from mcsim/plugin');
  const helper = KINDS[e.kind as PluginKind];
  if (typeof e.name !== 'string' || e.name === '' || isModulePath(e.name)) throw missing("'name'", `a name for scenarios, e.g. ${helper}({name: 'my-${e.kind}', ...})`);
  if (typeof e.description !== 'string') throw missing("'description'", 'a string');
  if (typeof e.create !== 'function') throw missing("'create'", 'a function');
  if (e.kind === 'strategy') {
    if (typeof (e.options as { safeParse?: unknown } | undefined)?.safeParse !== 'function') throw missing("'options'", 'a zod schema, e.g. z.strictObject({...})');
    for (const member of ['load', 'needsFuture'] as const) {
      if (e[member] !== undefined && typeof e[member] !== 'function') throw missing(`'${member}' as a function`, `got ${typeof e[member]}`);
    }
    if (e.metrics !== undefined && !Array.isArray(e.metrics)) throw missing("'metrics' as an array", `declare them with strategyMetrics('${e.name}', [...]); got ${typeof e.metrics}`);
  } else if (typeof e.needsFuture !== 'boolean') throw missing("'needsFuture' as a boolean", `got ${typeof e.needsFuture}`);
  return entry as Plugin;
}

// mcsim's own files (src/ or the build's dist/src/): a plugin importing them by relative path (as the
// repository's test fixtures do) hashes its own files only.
const MCSIM_FILES = fileURLToPath(new URL('..', import.meta.url));

/** sha256 over the module and the local modules it imports, each with its path relative to the module's folder. */
export function pluginHash(path: string): string {
  const root = dirname(path);
  const hash = createHash('sha256');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file);
    hash.update(relative(root, file).split(sep).join('/')).update('\0').update(text).update('\0');
    for (const spec of relativeImports(text.toString('utf8'))) {
      const target = resolveLocal(resolve(dirname(file), spec));
      if (target && !target.startsWith(MCSIM_FILES) && !target.includes(`${sep}node_modules${sep}`)) visit(target);
    }
  };
  visit(resolve(path));
  return hash.digest('hex');
}

/** Relative specifiers of static imports, re-exports and dynamic imports with a literal. */
function relativeImports(text: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\1/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[2]);
  return out;
}

/** The file a relative specifier names: as written, or the TypeScript source of a `.js` name (tsx resolves so), or with an extension added. */
function resolveLocal(p: string): string | undefined {
  const candidates = [p, p.replace(/\.js$/, '.ts'), p.replace(/\.mjs$/, '.mts'), `${p}.ts`, `${p}.js`, `${p}/index.ts`, `${p}/index.js`];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}
