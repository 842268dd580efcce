/**
 * The files a scenario reads: the scenario itself and every string value of it that names an existing
 * file or folder relative to the scenario's folder. Read from the values, not from a list of keys, so
 * that a file option another strategy adds is covered at once. Used to refuse outputs that would
 * overwrite an input.
 */
import { existsSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
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

/**
 * Worker threads read a scenario's files again, each for itself (the main thread has read them to
 * check them): a pipe or FIFO, which can be read only once, would leave them waiting or empty. The
 * scenario itself travels to the workers as data, so only the files it names must be re-readable.
 */
export function requireRereadable(inputs: readonly string[], scenarioPath: string, workers: number): void {
  if (workers <= 1) return;
  const scenario = resolve(scenarioPath);
  const pipe = inputs.find((p) => p !== scenario && !statSync(p).isFile() && !statSync(p).isDirectory());
  if (pipe) throw new InputError(`${pipe}: a pipe or FIFO, which can be read only once, but each of the ${workers} worker threads reads the scenario's files itself; save it to a file first, or give --workers 1`);
}
