/**
 * The one way a scenario's files are read: `prepare` reads the hardware table, traces and outcome
 * tables through it, and hands it to each strategy's `load` for the files that strategy names. Each
 * (reader, arguments) pair is read once per instance: a sweep worker keeps one for all its jobs, so
 * the many variants of one scenario share their tables. Readers' results are never modified.
 * No module-level cache: whoever creates an instance decides how long it lives.
 */
export class ScenarioFiles {
  private readonly read = new Map<string, unknown>();

  /** `reader(...args)`, or what it returned the last time it was called with the same arguments. */
  once<A extends unknown[], T>(reader: (...args: A) => T, ...args: A): T {
    const key = `${reader.name}:${JSON.stringify(args)}`;
    if (!this.read.has(key)) this.read.set(key, reader(...args));
    return this.read.get(key) as T;
  }
}
