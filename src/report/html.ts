/**
 * The report page: one self-contained HTML file that opens offline and years later. Charts are inline
 * SVG, styles are inline, there are no scripts, fonts or remote resources (a Content-Security-Policy
 * says so to the browser), and nothing varies between runs unless the caller passes it: identical
 * inputs give a byte-identical page.
 */
import { InputError } from '../errors.js';

export interface HtmlReportOptions {
  title: string;
  /** Table rows, e.g. one per strategy. */
  summary: ReadonlyArray<Readonly<Record<string, string | number>>>;
  /** Table columns in order. @defaultValue every key of the rows, in order of first appearance */
  columns?: readonly string[];
  /** `svg` as rendered by renderSvg; `specFile` a relative link to its Vega-Lite spec. */
  charts: ReadonlyArray<{ title: string; svg: string; specFile?: string }>;
  /** Footer lines: how the report was generated (command, version, seed, ...). */
  notes?: readonly string[];
  /** Charts above the table (a sweep's: the table is its reference, the charts its point). @defaultValue false */
  chartsFirst?: boolean;
  /** The table's heading. @defaultValue 'Summary' */
  tableTitle?: string;
}

const STYLE = `
body { font: 15px/1.45 Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #fafafa; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; background: white; }
h1 { font-size: 24px; margin: 0 0 16px; }
h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e4e4e4; text-align: left; }
th { vertical-align: bottom; }
td { white-space: nowrap; }
td.ci { white-space: normal; min-width: 5.5em; }
th { background: #f2f2f2; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
.charts { display: flex; flex-wrap: wrap; gap: 8px 28px; align-items: flex-start; }
figure { margin: 0 0 28px; max-width: 100%; }
figcaption { font-weight: 600; margin-bottom: 6px; }
figcaption a { font-weight: normal; font-size: 13px; margin-left: 8px; }
figure svg { max-width: 100%; height: auto; }
footer { margin-top: 32px; font-size: 12px; color: #666; border-top: 1px solid #ddd; padding-top: 8px; }
footer p { margin: 2px 0; }
`.trim();

export function htmlReport(options: HtmlReportOptions): string {
  const { title, summary, charts, notes = [] } = options;
  const columns = options.columns ?? [...new Set(summary.flatMap((row) => Object.keys(row)))];
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(title)}</h1>`,
  ];
  const table = summary.length > 0 ? [`<h2>${escapeHtml(options.tableTitle ?? 'Summary')}</h2>`, summaryTable(summary, columns)] : [];
  const figures = charts.length > 0 ? ['<h2>Charts</h2>', '<div class="charts">', ...charts.map((chart, i) => figure(chart, `chart${i + 1}-`)), '</div>'] : [];
  parts.push(...(options.chartsFirst ? [...figures, ...table] : [...table, ...figures]));
  if (notes.length > 0) parts.push('<footer>', ...notes.map((n) => `<p>${escapeHtml(n)}</p>`), '</footer>');
  parts.push('</main>', '</body>', '</html>', '');
  return parts.join('\n');
}

function summaryTable(rows: HtmlReportOptions['summary'], columns: readonly string[]): string {
  const head = `<tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${columns.map((c) => cell(row[c])).join('')}</tr>`);
  return ['<div class="scroll"><table>', `<thead>${head}</thead>`, '<tbody>', ...body, '</tbody>', '</table></div>'].join('\n');
}

/** A `mean ± half-width` cell may break before its ±, so that a wide table wraps instead of overflowing. */
function cell(value: string | number | undefined): string {
  if (typeof value === 'number') return `<td class="num">${escapeHtml(formatNumber(value))}</td>`;
  const text = value ?? '';
  if (text.includes(' ± ')) return `<td class="num ci">${escapeHtml(text).replace(' ± ', ' ±&nbsp;')}</td>`;
  // Figures given as text (a summary's fixed digits) line up with the others.
  if (/^-?\d[\d.]*$/.test(text)) return `<td class="num">${escapeHtml(text)}</td>`;
  return `<td>${escapeHtml(text)}</td>`;
}

function figure(chart: HtmlReportOptions['charts'][number], idPrefix: string): string {
  let caption = escapeHtml(chart.title);
  if (chart.specFile !== undefined) {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(chart.specFile)) {
      throw new InputError(`htmlReport: specFile of chart "${chart.title}" must be a relative path, got ${chart.specFile}`);
    }
    caption += ` <a href="${escapeHtml(chart.specFile)}">Vega-Lite spec</a>`;
  }
  // An XML prolog is not allowed inside HTML; vega writes none, other tools might.
  const svg = scopeIds(chart.svg.replace(/^\s*<\?xml[^>]*\?>\s*/, ''), idPrefix);
  return `<figure>\n<figcaption>${caption}</figcaption>\n${svg}\n</figure>`;
}

/**
 * Ids are global in an HTML document, and every rendered SVG numbers its clip paths from 1: prefix
 * each chart's ids and the references to them, so that one chart never clips with another's path.
 */
function scopeIds(svg: string, prefix: string): string {
  return svg.replace(/(\bid="|url\(#|href="#)(?=[A-Za-z])/g, `$1${prefix}`);
}

/**
 * Four significant digits, trailing zeros dropped; integers as they are; exponent notation outside
 * [1e-3, 1e6). Locale-independent on purpose, so that pages are identical across machines.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n) || Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  if (abs < 1e-3 || abs >= 1e6) return n.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(n.toPrecision(4)));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
