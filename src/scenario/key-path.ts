/**
 * Which dotted key paths a scenario has, read from the zod schema itself (so a key another option adds
 * is known at once): `--set` and sweep grid keys are checked here before anything is written, and
 * `__proto__`, `constructor` and `prototype` are refused outright (they would walk into Object.prototype).
 */
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { scenarioSchema } from './schema.js';

const FORBIDDEN: readonly string[] = ['__proto__', 'constructor', 'prototype'];

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}

const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Why `keys` is not a path into `schema`, or null if it is. `at` is the path walked so far. */
function whyUnknown(schema: z.ZodType, keys: readonly string[], at: string): string | null {
  if (keys.length === 0) return null;
  const d = def(schema);
  const [key, ...rest] = keys;
  const here = at === '' ? key : `${at}.${key}`;
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return whyUnknown(d.innerType!, keys, at);
    case 'pipe':
      return whyUnknown(d.in!, keys, at);
    case 'object':
      if (!Object.hasOwn(d.shape!, key)) return `'${here}' is not a scenario key (${at === '' ? 'the top level' : at} has ${Object.keys(d.shape!).join(', ')})`;
      return whyUnknown(d.shape![key], rest, here);
    case 'record':
      return whyUnknown(d.valueType!, rest, here);
    case 'array':
      if (!/^\d+$/.test(key)) return `'${at}' is a list: index it with a number, not '${key}'`;
      return whyUnknown(d.element!, rest, here);
    case 'union': {
      const reasons = d.options!.map((o) => whyUnknown(o, keys, at));
      return reasons.includes(null) ? null : reasons[0];
    }
    case 'intersection':
      return whyUnknown(d.left!, keys, at) && whyUnknown(d.right!, keys, at);
    case 'unknown':
    case 'any':
      return null;
    default:
      return `'${at}' is a value (${d.type}), it has no key '${key}'`;
  }
}

/**
 * Throws an InputError naming `what` (e.g. `--set a.b`) unless `keyPath` is a path of `schema` (the
 * scenario schema; null checks only the path's form, while the plugins that add keys are being found).
 */
export function checkKeyPath(keyPath: string, what: string, schema: z.ZodType | null = scenarioSchema): string[] {
  const keys = keyPath.split('.');
  if (keys.some((k) => k === '')) throw new InputError(`${what}: empty key in the path`);
  const bad = keys.find((k) => FORBIDDEN.includes(k));
  if (bad) throw new InputError(`${what}: '${bad}' is not allowed in a key path`);
  const why = schema && whyUnknown(schema, keys, '');
  if (why) throw new InputError(`${what}: ${why}`);
  return keys;
}
