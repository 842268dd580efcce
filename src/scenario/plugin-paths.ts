/**
 * Where a scenario may name a plugin module instead of a registry entry: an item of `strategies`, and
 * the option paths a strategy declares as slots (`cachenet.policy`, `cachenet.prefetch.predictor`).
 * The same walk resolves relative module paths against the file they are written in, collects them for
 * loading and, once loaded, replaces each by the name its module declares.
 */
import { isModulePath } from './plugins.js';
import type { PluginKind } from './define.js';
import type { StrategyEntry } from '../strategies/strategy.js';

type Strategies = Readonly<Record<string, StrategyEntry>>;

/** A module path found in a scenario, with the kind its place expects and the key it is at. */
export interface ModuleRef {
  path: string;
  kind: PluginKind;
  key: string;
}

export type MapModule = (path: string, kind: PluginKind, key: string) => string;

/** The kind of plugin a dotted key path names: `strategies` (a list), `strategies.<i>`, or a strategy's slot. */
export function slotAt(key: string, strategies: Strategies): PluginKind | undefined {
  if (key === 'strategies' || /^strategies\.\d+$/.test(key)) return 'strategy';
  const dot = key.indexOf('.');
  if (dot < 0 || !Object.hasOwn(strategies, key.slice(0, dot))) return undefined;
  return strategies[key.slice(0, dot)].slots?.[key.slice(dot + 1)];
}

/** Maps the module paths of the value at `key` (an override or a grid value) through `fn`. */
export function mapValueAt(key: string, value: unknown, strategies: Strategies, fn: MapModule): unknown {
  const kind = slotAt(key, strategies);
  if (!kind) return value;
  if (Array.isArray(value)) return value.map((v, i) => (isModulePath(v) ? fn(v, kind, `${key}[${i}]`) : v));
  return isModulePath(value) ? fn(value, kind, key) : value;
}

/** Maps, in place, the module paths at every slot of scenario data through `fn`. */
export function mapModules(data: Record<string, unknown>, strategies: Strategies, fn: MapModule): void {
  if (Array.isArray(data.strategies)) data.strategies = mapValueAt('strategies', data.strategies, strategies, fn);
  for (const [name, entry] of Object.entries(strategies)) {
    for (const slot of Object.keys(entry.slots ?? {})) {
      const keys = slot.split('.');
      let node: unknown = data[name];
      for (const k of keys.slice(0, -1)) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[k] : undefined;
      if (typeof node !== 'object' || node === null) continue;
      const last = keys[keys.length - 1];
      const holder = node as Record<string, unknown>;
      if (Object.hasOwn(holder, last)) holder[last] = mapValueAt(`${name}.${slot}`, holder[last], strategies, fn);
    }
  }
}
