/**
 * Reading a scenario: YAML or JSON text, `--set key.path=value` overrides (values parsed as YAML, so
 * numbers, booleans and lists keep their types), then validation against the schema. Every error
 * names the file and the key path (or line, for syntax errors) and says what was expected.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import YAML, { LineCounter } from 'yaml';
import type { z } from 'zod';
import { InputError, UsageError } from '../errors.js';
import { issuePath } from '../models/dist-schema.js';
import { checkKeyPath } from './key-path.js';
import { mapModules, mapValueAt, type ModuleRef } from './plugin-paths.js';
import { builtinRegistries, loadRegistries, type Registries } from './registries.js';
import type { Scenario } from './schema.js';

export interface LoadedScenario {
  scenario: Scenario;
  /** Folder relative paths in the scenario resolve against. */
  baseDir: string;
  /** The scenario as written plus overrides, before defaults (what sweeps vary); plugins by their names. */
  raw: Record<string, unknown>;
  /** The built-ins and the plugins the scenario names. */
  registries: Registries;
}

/**
 * The folder a scenario's relative paths are relative to: its own, or for a scenario read from a pipe
 * (`mcsim validate -`, /dev/stdin, a FIFO; its folder is /dev or wherever the FIFO is) the working folder.
 */
export function baseDirOf(path: string): string {
  return statSync(path).isFile() ? dirname(resolve(path)) : process.cwd();
}

export function readScenarioFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${path}: cannot read scenario (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  // The line counter gives syntax errors their line (without it the parser drops positions).
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { prettyErrors: false, lineCounter });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    // An error at the end of the file (an unclosed bracket) belongs to its last line.
    const line = Math.min(lineCounter.linePos(err.pos[0]).line, text.trimEnd().split('\n').length);
    throw new InputError(`${path}:${line}: ${err.message.split('\n')[0]}`);
  }
  const data = toJS(doc, lineCounter, path);
  if (data === null || data === undefined) throw new InputError(`${path}: the file is empty; a scenario is a mapping of keys (workload, strategies, ...)`);
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${path}: a scenario is a mapping of keys (workload, strategies, ...), got ${Array.isArray(data) ? 'a list' : typeof data}`);
  }
  return data as Record<string, unknown>;
}

/**
 * The document as plain data. Aliases are resolved only here, so an alias without its anchor (or an
 * alias bomb) is an error of this step, which the parser's error list does not report.
 */
function toJS(doc: YAML.Document, lineCounter: LineCounter, path: string): unknown {
  try {
    return doc.toJS();
  } catch (err) {
    let line: number | undefined;
    YAML.visit(doc, {
      Alias(_key, node) {
        if (node.resolve(doc) !== undefined || node.range === undefined || node.range === null) return undefined;
        line = lineCounter.linePos(node.range[0]).line;
        return YAML.visit.BREAK;
      },
    });
    throw new InputError(`${path}${line === undefined ? '' : `:${line}`}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/**
 * Sets `value` at a dotted key path of the scenario schema (numeric segments index lists), creating
 * mappings on the way; `what` names the override in errors (`--set`, `sweep key`).
 */
export function setPath(target: Record<string, unknown>, keyPath: string, value: unknown, what = '--set', schema?: KeySchema): void {
  const keys = checkKeyPath(keyPath, `${what} ${keyPath}`, schema);
  let node: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((k, i) => {
    const child = Object.hasOwn(node, k) ? node[k] : undefined;
    if (child === undefined) node[k] = {};
    else if (typeof child !== 'object' || child === null) {
      throw new InputError(`${what} ${keyPath}: '${keys.slice(0, i + 1).join('.')}' is a value, not a mapping`);
    }
    node = node[k] as Record<string, unknown>;
  });
  node[keys[keys.length - 1]] = value;
}

/** The schema key paths are checked against: a scenario schema, or null to check only their form (while plugins are found). */
export type KeySchema = z.ZodType | null;

/**
 * Applies `key.path=value` overrides; a module path in a plugin's place resolves against `dir` (the
 * working folder for the command line's).
 */
export function applySets(target: Record<string, unknown>, sets: string[], dir = process.cwd(), schema?: KeySchema): void {
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set '${set}': expected key.path=value`);
    const key = set.slice(0, eq).trim();
    let value: unknown;
    try {
      value = YAML.parse(set.slice(eq + 1));
    } catch (err) {
      const reason = (err as Error).message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new UsageError(`--set ${key}: the value is not valid YAML (${reason})`);
    }
    setPath(target, key, mapValueAt(key, value, builtinRegistries.strategies, (m) => resolve(dir, m)), '--set', schema);
  }
}

export function formatIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const where = issuePath(i.path);
      const keys = i.code === 'unrecognized_keys' ? ` (${i.keys.map((k) => issuePath([...i.path, k])).join(', ')})` : '';
      // zod says "expected object, received undefined" for a key that is not there.
      const message = i.code === 'invalid_type' && /received undefined$/.test(i.message) ? `missing (expected ${i.expected})` : i.message;
      return `${where}: ${message}${keys}`;
    })
    .join('; ');
}

/** Validates plain data as a scenario against `registries`' schema; `source` names it in errors. */
export function parseScenario(data: unknown, source: string, registries: Registries = builtinRegistries): Scenario {
  const result = registries.schema.safeParse(data);
  if (!result.success) throw new InputError(`${source}: ${formatIssues(result.error.issues)}`);
  return result.data;
}

/** The module paths scenario data names, each with the kind its place expects. */
export function moduleRefs(data: Record<string, unknown>): ModuleRef[] {
  const refs: ModuleRef[] = [];
  mapModules(structuredClone(data), builtinRegistries.strategies, (path, kind, key) => (refs.push({ path, kind, key }), path));
  return refs;
}

/** Replaces, in place, each plugin's module path by the name its module declares. */
export function nameModules(data: Record<string, unknown>, registries: Registries): void {
  mapModules(data, builtinRegistries.strategies, (path) => registries.plugins.find((p) => p.path === path)!.name);
}

/** A scenario file's data (as read from `path`) with overrides, module paths made absolute (the file's own against its folder). */
function readRaw(path: string, file: Record<string, unknown>, sets: string[], schema?: KeySchema): { raw: Record<string, unknown>; baseDir: string } {
  const raw = structuredClone(file);
  if ('grid' in raw && 'scenario' in raw) {
    throw new InputError(`${path}: this is a sweep file (scenario + grid), not a scenario; run it with mcsim sweep, or give its scenario (${String(raw.scenario)})`);
  }
  const baseDir = baseDirOf(path);
  mapModules(raw, builtinRegistries.strategies, (m) => resolve(baseDir, m));
  applySets(raw, sets, process.cwd(), schema);
  return { raw, baseDir };
}

/** Loads a scenario that names built-in entries only (synchronous); one naming plugins needs openScenario. */
export function loadScenario(path: string, sets: string[] = []): LoadedScenario {
  const file = readScenarioFile(path); // once: the path may be a pipe
  const refs = moduleRefs(readRaw(path, file, sets, null).raw);
  if (refs.length > 0) throw new InputError(`${path}: ${refs[0].key} names a plugin module (${refs[0].path}): load the scenario with openScenario`);
  const { raw, baseDir } = readRaw(path, file, sets);
  return { scenario: parseScenario(raw, path), baseDir, raw, registries: builtinRegistries };
}

/** Loads a scenario and the plugin modules it names (each in `raw` replaced by its declared name). */
export async function openScenario(path: string, sets: string[] = []): Promise<LoadedScenario> {
  // Read once to find the plugins (their option blocks are keys --set may name), then against their schema.
  const file = readScenarioFile(path); // once: the path may be a pipe
  const registries = await loadRegistries(moduleRefs(readRaw(path, file, sets, null).raw));
  const { raw, baseDir } = readRaw(path, file, sets, registries.schema);
  nameModules(raw, registries);
  return { scenario: parseScenario(raw, path, registries), baseDir, raw, registries };
}
