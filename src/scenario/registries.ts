/**
 * The registries a scenario is read against: every built-in strategy, policy and predictor plus the
 * plugins it names by path. A value, built when a scenario or sweep is loaded (and again in every
 * worker thread, from the recorded paths and hashes): no module-level table is ever changed.
 */
import { InputError } from '../errors.js';
import { policies } from '../policies/registry.js';
import { predictors } from '../strategies/prefetch/registry.js';
import { strategies } from '../strategies/registry.js';
import type { RegistryTables } from '../strategies/strategy.js';
import type { PluginKind } from './define.js';
import type { ModuleRef } from './plugin-paths.js';
import { loadPlugin, type LoadedPlugin, type PluginInfo } from './plugins.js';
import { scenarioSchemaFor } from './schema.js';

export interface Registries extends RegistryTables {
  /** The plugins among the entries, in the order first named. */
  plugins: readonly PluginInfo[];
  /** The scenario schema over these entries. */
  schema: ReturnType<typeof scenarioSchemaFor>;
}

const TABLE = { policy: 'policies', strategy: 'strategies', predictor: 'predictors' } as const satisfies Record<PluginKind, keyof RegistryTables>;

function registries(loaded: readonly LoadedPlugin[]): Registries {
  const tables: RegistryTables = { policies: { ...policies }, strategies: { ...strategies }, predictors: { ...predictors } };
  for (const { info, entry } of loaded) {
    const table = tables[TABLE[info.kind]] as Record<string, unknown>;
    if (Object.hasOwn(table, info.name)) {
      const other = loaded.find((l) => l.info.kind === info.kind && l.info.name === info.name && l.info.path !== info.path);
      throw new InputError(`${info.path}: declares the ${info.kind} name '${info.name}', which ${other ? `${other.info.path} declares too` : `is a built-in ${info.kind}`}; choose another name`);
    }
    table[info.name] = entry;
  }
  return { ...tables, plugins: loaded.map((l) => l.info), schema: scenarioSchemaFor(tables) };
}

/** The built-ins alone. */
export const builtinRegistries: Registries = registries([]);

/** Loads the modules a scenario names (each once), checking each is of the kind its place expects. */
export async function loadRegistries(refs: readonly ModuleRef[]): Promise<Registries> {
  const byPath = new Map<string, LoadedPlugin>();
  for (const ref of refs) {
    let plugin = byPath.get(ref.path);
    if (!plugin) byPath.set(ref.path, (plugin = await loadPlugin(ref.path)));
    if (plugin.info.kind !== ref.kind) throw new InputError(`${ref.key}: ${ref.path} is a ${plugin.info.kind} plugin, but this key names a ${ref.kind}`);
  }
  return registries([...byPath.values()]);
}

/**
 * The registries of recorded plugins (a sweep plan's, sent to a worker or read back by merge),
 * refusing a module whose content is not what was recorded: a sweep never runs other code than the
 * run that named it.
 */
export async function registriesOf(recorded: readonly PluginInfo[]): Promise<Registries> {
  const r = await loadRegistries(recorded.map((p) => ({ path: p.path, kind: p.kind, key: `plugin ${p.name}` })));
  for (const p of recorded) {
    const now = r.plugins.find((q) => q.path === p.path)!;
    if (now.sha256 !== p.sha256 || now.name !== p.name) throw new InputError(`plugin ${p.name} (${p.path}) has changed since the sweep was planned (sha256 ${p.sha256.slice(0, 12)}, now ${now.sha256.slice(0, 12)})`);
  }
  return r;
}

/** The first plugin recorded in `a` and `b` with another content, as a sentence; undefined if they agree. */
export function pluginDifference(a: readonly PluginInfo[] = [], b: readonly PluginInfo[] = []): string | undefined {
  const key = (p: PluginInfo) => `${p.kind} ${p.name}`;
  for (const p of a) {
    const q = b.find((x) => key(x) === key(p));
    if (!q) return `plugin ${p.name} is in one and not the other`;
    if (q.sha256 !== p.sha256) return `plugin ${p.name} differs (sha256 ${p.sha256.slice(0, 12)} vs ${q.sha256.slice(0, 12)})`;
  }
  const extra = b.find((x) => !a.some((p) => key(p) === key(x)));
  return extra ? `plugin ${extra.name} is in one and not the other` : undefined;
}
