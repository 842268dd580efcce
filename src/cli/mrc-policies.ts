/**
 * The policies `mcsim mrc` names: `--policy`'s built-in names and plugin modules (paths relative to
 * the working folder), each behind `--admission`'s filter when given. Built the same way on the main
 * thread and on each replay thread (mrc-threads.ts), so every thread runs the code the command named.
 */
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { admissionLabel, parseAdmission, withAdmission } from '../policies/admission.js';
import { policies, policyNames, type PolicyEntry } from '../policies/registry.js';
import { isModulePath } from '../scenario/plugins.js';

export interface PolicyTable {
  names: string[];
  table: Readonly<Record<string, PolicyEntry>>;
}

/** The policies of `--policy` (and `--admission`), by the names their rows take. */
export async function policyTable(policySpec: string, admission?: string): Promise<PolicyTable> {
  const chosen = await parsePolicies(policySpec);
  return admission === undefined ? chosen : admitted(chosen, admission);
}

/** The policies of `--policy`: built-in names and plugin modules (paths relative to the working folder), by the names they declare. */
async function parsePolicies(spec: string): Promise<PolicyTable> {
  const items = spec.split(',').map((s) => s.trim());
  const refs = items.filter(isModulePath).map((m) => ({ path: resolve(m), kind: 'policy' as const, key: '--policy' }));
  // The registries (strategies, predictors, the scenario schema: about 20 MB of modules) load only for plugins.
  const { policies: table, plugins } = refs.length === 0 ? { policies, plugins: [] } : await (await import('../scenario/registries.js')).loadRegistries(refs);
  const names = items.map((item) => {
    if (isModulePath(item)) return plugins.find((p) => p.path === resolve(item))!.name;
    if (!Object.hasOwn(policies, item)) throw new UsageError(`--policy: unknown policy "${item}" (expected one of ${policyNames.join(', ')}, or a plugin module path)`);
    return item;
  });
  return { names, table };
}

/** The policies behind an admission filter, named `<policy>+<filter>` (`lru+second-request`). */
function admitted(policies: PolicyTable, spec: string): PolicyTable {
  const a = parseAdmission(spec, '--admission');
  const names = policies.names.map((n) => `${n}+${admissionLabel(a)}`);
  return { names, table: Object.fromEntries(policies.names.map((n, i) => [names[i], withAdmission(policies.table[n], a)])) };
}

