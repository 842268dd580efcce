/**
 * The one font every chart is drawn in, SVG, PNG and PDF alike: DejaVu Sans from the `dejavu-fonts-ttf`
 * package, so PNG and PDF text renders the same on a machine without system fonts (a CI container, a
 * laptop without DejaVu) instead of silently falling back or dropping the text. The SVG names the same
 * family first, so a browser that has it draws what the PNG shows.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const CHART_FONT_FAMILY = 'DejaVu Sans';

/** CSS font list of the SVGs: the bundled family, then look-alikes a browser without it may have. */
export const CHART_FONT = `${CHART_FONT_FAMILY}, Verdana, sans-serif`;

const ttf = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The font files: regular and bold (titles of some charts are bold). */
export const CHART_FONT_FILES = { regular: join(ttf, 'DejaVuSans.ttf'), bold: join(ttf, 'DejaVuSans-Bold.ttf') };
