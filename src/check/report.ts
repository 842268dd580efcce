/**
 * What a contract suite returns: one line per property, pass or fail, and on a failure the shrunk
 * counterexample in words. A suite states each failure as a Violation whose message is written for a
 * researcher (the requests, what the cache held, what was expected and what was seen), so a report
 * needs no stack trace and no deep-equal diff.
 */
import fc from 'fast-check';

export type CheckKind = 'policy' | 'strategy' | 'predictor';

export interface CheckProperty {
  name: string;
  ok: boolean;
  /** Why it failed (or, when ok, why it was not applicable). */
  detail?: string;
}

export interface CheckReport {
  kind: CheckKind;
  name: string;
  properties: CheckProperty[];
}

export interface CheckOptions {
  /** Generated cases per property. @defaultValue 150 */
  numRuns?: number;
  /** fast-check seed, to replay a failure a report names. @defaultValue fast-check's own (random) */
  seed?: number;
}

/** A broken contract, said in words. */
export class Violation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Violation';
  }
}

const messageOf = (e: unknown) => (e instanceof Violation ? e.message : `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);

/**
 * Checks a fast-check property; on failure the detail is what the shrunk counterexample violated
 * (fast-check runs the predicate on it last, so its error is the minimal case's).
 */
export function checkProperty<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, o: CheckOptions): CheckProperty {
  const details = fc.check(
    fc.property(arbitrary, (v) => predicate(v)),
    { numRuns: o.numRuns ?? 150, seed: o.seed },
  );
  if (!details.failed) return { name, ok: true };
  if (details.errorInstance === null) return { name, ok: false, detail: `fast-check stopped: ${details.interrupted ? 'interrupted' : 'too many cases skipped'}` };
  const replay = `(fast-check seed ${details.seed}, path ${details.counterexamplePath}, shrunk ${details.numShrinks} times)`;
  return { name, ok: false, detail: `${messageOf(details.errorInstance)}\n${replay}` };
}

/** A property checked on one case (a run of a scenario): ok unless `body` throws. */
export function checkOnce(name: string, body: () => void): CheckProperty {
  try {
    body();
    return { name, ok: true };
  } catch (e) {
    return { name, ok: false, detail: messageOf(e) };
  }
}

/** The report as text: a heading, one line per property, each failure's detail indented below it. */
export function formatCheckReport(report: CheckReport): string {
  const lines = [`mcsim check: ${report.kind} ${report.name}`];
  for (const p of report.properties) {
    lines.push(`  ${p.ok ? 'pass' : 'FAIL'}  ${p.name}`);
    if (p.detail) lines.push(...p.detail.split('\n').map((l) => `          ${l}`));
  }
  const passed = report.properties.filter((p) => p.ok).length;
  lines.push(`${passed} of ${report.properties.length} properties pass`);
  return lines.join('\n') + '\n';
}

/** Whether every property passed. */
export function passed(report: CheckReport): boolean {
  return report.properties.every((p) => p.ok);
}
