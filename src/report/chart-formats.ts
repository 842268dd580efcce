/**
 * A chart's SVG (Vega's own, render.ts) as the other formats papers take: PNG through resvg (a Rust SVG
 * renderer, prebuilt for each platform in its npm package) and PDF through PDFKit with svg-to-pdfkit
 * (vector, text kept as text). Both get the bundled font (chart-font.ts) and no system font, so a chart
 * renders the same everywhere. Loaded on first use: most commands write SVG only.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { CHART_FONT_FAMILY, CHART_FONT_FILES } from './chart-font.js';

export const CHART_FORMATS = ['svg', 'png', 'pdf'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

/** The parser of a command's format option (`--format png,pdf --format svg`): every format named, once each, in the order given. */
export function chartFormatsOption(option: string): (values: readonly string[]) => ChartFormat[] {
  return (values) => {
    const named = values.flatMap((v) => v.split(',')).map((v) => v.trim());
    for (const f of named) {
      if (!(CHART_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--${option}: "${f}" is not one of ${CHART_FORMATS.join(', ')}`);
    }
    return [...new Set(named as ChartFormat[])];
  };
}

/** PNGs at twice the SVG's pixel size: sharp on a slide or a high-density screen. */
const PNG_SCALE = 2;

export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const font = { loadSystemFonts: false, fontFiles: [CHART_FONT_FILES.regular, CHART_FONT_FILES.bold], defaultFontFamily: CHART_FONT_FAMILY };
  return new Resvg(svg, { font, fitTo: { mode: 'zoom', value: PNG_SCALE }, background: 'white' }).render().asPng();
}

/** A one-page PDF the size of the SVG (one SVG pixel = one point). */
export async function svgToPdf(svg: string): Promise<Uint8Array> {
  const [{ default: PDFDocument }, { default: SVGtoPDF }] = await Promise.all([import('pdfkit'), import('svg-to-pdfkit')]);
  const { width, height } = svgSize(svg);
  // A fixed creation date: the same chart gives the same bytes.
  const doc = new PDFDocument({ size: [width, height], margin: 0, info: { CreationDate: new Date(0), Producer: 'mcsim' } });
  doc.registerFont(CHART_FONT_FAMILY, readFileSync(CHART_FONT_FILES.regular));
  doc.registerFont(`${CHART_FONT_FAMILY}-Bold`, readFileSync(CHART_FONT_FILES.bold));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  SVGtoPDF(doc, svg, 0, 0, {
    width,
    height,
    // Every family the SVG names is drawn in the bundled font: it is the one the SVG asks for first.
    fontCallback: (_family: string, bold: boolean) => (bold ? `${CHART_FONT_FAMILY}-Bold` : CHART_FONT_FAMILY),
    warningCallback: (message: string) => {
      throw new Error(`PDF export: ${message}`);
    },
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The pixel size Vega writes on its root element. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /^<svg[^>]*>/.exec(svg.replace(/^\s*<\?xml[^>]*\?>\s*/, ''))?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('PDF export: the SVG has no width and height');
  return { width, height };
}

/** The file content of a chart in `format`. */
export async function chartFile(svg: string, format: ChartFormat): Promise<string | Uint8Array> {
  if (format === 'svg') return svg;
  return format === 'png' ? svgToPng(svg) : svgToPdf(svg);
}
