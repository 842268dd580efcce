/**
 * Headless rendering: Vega-Lite spec -> Vega -> SVG string, in Node, with no browser, no canvas and no
 * network (charts carry their data inline; the loader refuses anything else).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Loader } from 'vega';
import { join } from 'node:path';
import { chartFile, type ChartFormat } from './chart-formats.js';
import { writeTogether, type FileSet } from './files.js';

const refuse = (uri: string): Promise<never> =>
  Promise.reject(new Error(`chart tried to load "${uri}": charts must carry their data inline (data: {values})`));

const offline: Loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

/** A spec to its SVG: renderSvg here, or a render thread's (render-thread.ts). */
export type Render = (spec: TopLevelSpec) => Promise<string>;

/** How a report is written: the renderer of its charts, the file set its files join (else its own), and the formats its charts are written in besides the SVG the HTML page shows. */
export interface ReportOutput {
  render?: Render;
  files?: FileSet;
  /** @defaultValue ['svg'] */
  chartFormats?: readonly ChartFormat[];
}

/** vega-lite and vega, loaded on first use: commands that draw nothing never pay for them (~0.4 s). */
export const loadVega = (): Promise<[typeof import('vega-lite'), typeof import('vega')]> => Promise.all([import('vega-lite'), import('vega')]);

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [{ compile }, { parse, View }] = await loadVega();
  const view = new View(parse(compile(spec).spec), { renderer: 'none', loader: offline });
  try {
    return tooltipTitles(canonicalIds(await view.toSVG()));
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths and gradients from process-wide counters, so the same spec rendered twice in
 * one process would differ in its ids; number them from 1 in order of appearance instead.
 */
function canonicalIds(svg: string): string {
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  // Only definitions and references: a label that happens to read "clip2" stays as it is.
  return svg.replace(/(id="|url\(#)(clip|gradient|pattern)(\d+)(?=[")])/g, (_m, lead: string, prefix: string, n: string) => {
    const id = prefix + n;
    let fresh = seen.get(id);
    if (fresh === undefined) {
      const next = (counts.get(prefix) ?? 0) + 1;
      counts.set(prefix, next);
      fresh = `${prefix}${next}`;
      seen.set(id, fresh);
    }
    return lead + fresh;
  });
}

/**
 * Vega writes each data point's text (Vega-Lite's tooltip and encoded fields) as its aria-label; a
 * `<title>` child with the same text is what a browser shows on hover, with no script (report.html
 * allows none). Only single points and bars get one: a line or band's label describes its first point.
 */
function tooltipTitles(svg: string): string {
  return svg.replace(/<(path|rect|circle)([^>]*?) aria-label="([^"]*)"([^>]*?) aria-roledescription="([^"]*)"([^>]*?)\/>/g, (whole, tag: string, a: string, label: string, b: string, role: string, c: string) =>
    / mark( container)?$/.test(role) ? whole : `<${tag}${a} aria-label="${label}"${b} aria-roledescription="${role}"${c}><title>${label}</title></${tag}>`,
  );
}

/** Writes `<base>.vl.json` (the spec, re-renderable anywhere) and `<base>.<format>` for each format, together; returns the SVG. */
export async function writeChart(basePath: string, spec: TopLevelSpec, { render = renderSvg, files }: ReportOutput = {}, formats: readonly ChartFormat[] = ['svg']): Promise<string> {
  const svg = await render(spec);
  const contents = await Promise.all(formats.map((f) => chartFile(svg, f)));
  return writeTogether(files, (set) => {
    set.write(`${basePath}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
    formats.forEach((f, i) => set.write(`${basePath}.${f}`, contents[i]));
    return svg;
  });
}

/** Writes each chart into `<dir>/charts/` and returns them as the HTML page shows them. */
export async function writeCharts(dir: string, charts: ReadonlyArray<{ name: string; title: string; spec: TopLevelSpec }>, { render = renderSvg, files, chartFormats = [] }: ReportOutput = {}) {
  const formats = [...new Set<ChartFormat>(['svg', ...chartFormats])];
  return writeTogether(files, async (set) => {
    const shown = [];
    for (const c of charts) {
      const svg = await writeChart(join(dir, 'charts', c.name), c.spec, { render, files: set }, formats);
      shown.push({ title: c.title, svg, specFile: `charts/${c.name}.vl.json` });
    }
    return shown;
  });
}
