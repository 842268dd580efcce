/**
 * The files a scenario reads: the scenario itself and every string value of it that names an existing
 * file or folder relative to the scenario's folder. Read from the values, not from a list of keys, so
 * that a file option another strategy adds is covered at once. Used to refuse outputs that would
 * overwrite an input.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

export function scenarioInputs(scenarioPath: string, scenario: Record<string, unknown>, baseDir: string): string[] {
  const base = resolve(baseDir);
  // output.dir names where results go (a folder an earlier run made), not an input.
  const { output: _output, ...read } = scenario;
  // The scenario's own folder and its parents are where inputs live, not inputs themselves.
  const candidates = strings(read, []).filter((s) => s.trim() !== '').map((s) => resolve(base, s));
  return [resolve(scenarioPath), ...new Set(candidates.filter((p) => existsSync(p) && !base.startsWith(p)))];
}
