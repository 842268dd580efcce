/**
 * report.html in a real browser: the system Chromium, headless, driven through the DevTools protocol
 * over a pipe (no download, no WebSocket library). The page must render its charts and table with no
 * console error, no exception and no network request, and at 1280 px no table wider than its box
 * (screenshots are left beside each report). `.ci/run` installs Chromium from the Debian
 * packages; without it the test is skipped with a message, except in CI (CI=true), where it fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { writeRunReport } from '../../src/report/run-report.js';
import { runScenario } from '../../src/run/run.js';
import { writeSweepReport } from '../../src/report/sweep-report.js';
import { loadSweep } from '../../src/run/sweep.js';
import { runSweep, sweepTable } from '../../src/run/sweep-run.js';
import { FIXTURES, tiny } from '../scenario/helpers.js';

function findChromium(): string | undefined {
  for (const name of [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome'].filter(Boolean) as string[]) {
    const r = spawnSync('sh', ['-c', `command -v "${name}"`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() !== '') return r.stdout.trim();
  }
  return undefined;
}

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: unknown; sessionId?: string };

/** A DevTools protocol connection over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON). */
class Cdp {
  private next = 1;
  private buffer = '';
  private readonly waiting = new Map<number, (m: Message) => void>();
  readonly events: Message[] = [];
  private listeners: Array<(m: Message) => void> = [];

  constructor(private readonly input: Writable, output: Readable) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const m = JSON.parse(this.buffer.slice(0, end)) as Message;
        this.buffer = this.buffer.slice(end + 1);
        if (m.id !== undefined) this.waiting.get(m.id)?.(m);
        else {
          this.events.push(m);
          this.listeners.forEach((l) => l(m));
        }
      }
    });
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.next++;
    this.input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    return new Promise((done, fail) =>
      this.waiting.set(id, (m) => (m.error ? fail(new Error(`${method}: ${JSON.stringify(m.error)}`)) : done(m.result ?? {}))),
    );
  }

  event(method: string): Promise<Message> {
    return new Promise((done) => this.listeners.push((m) => m.method === method && done(m)));
  }
}

/** Opens `dir/report.html` 1280 px wide, screenshots it to `dir/screenshot.png` and returns what the page shows. */
async function openReport(chromium: string, dir: string) {
  const browser = spawn(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--remote-debugging-pipe', `--user-data-dir=${join(dir, 'profile')}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  try {
    const cdp = new Cdp(browser.stdio[3] as Writable, browser.stdio[4] as Readable);
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    for (const domain of ['Runtime', 'Log', 'Network', 'Page']) await cdp.send(`${domain}.enable`, {}, sessionId);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
    const loaded = cdp.event('Page.loadEventFired');
    await cdp.send('Page.navigate', { url: pathToFileURL(join(dir, 'report.html')).href }, sessionId);
    await loaded;
    const { result } = (await cdp.send(
      'Runtime.evaluate',
      {
        returnByValue: true,
        expression: `JSON.stringify({
          charts: [...document.querySelectorAll('figure svg')].map((s) => ({ w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height, marks: s.querySelectorAll('path, rect, line, circle').length, tips: s.querySelectorAll('title').length })),
          rows: [...document.querySelectorAll('table tbody tr')].map((r) => r.cells[0].textContent),
          tables: [...document.querySelectorAll('table')].map((t) => ({ scroll: t.parentElement.scrollWidth, client: t.parentElement.clientWidth })),
          page: { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth },
          order: [...document.querySelectorAll('h2')].map((h) => h.textContent),
          title: document.title,
        })`,
      },
      sessionId,
    )) as { result: { value: string } };
    const { data } = (await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, sessionId)) as { data: string };
    writeFileSync(join(dir, 'screenshot.png'), Buffer.from(data, 'base64'));
    const errors = cdp.events.filter(
      (e) =>
        e.method === 'Runtime.exceptionThrown' ||
        (e.method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(String(e.params?.type))) ||
        (e.method === 'Log.entryAdded' && ['error', 'warning'].includes(String((e.params?.entry as { level?: string })?.level))),
    );
    const requests = cdp.events
      .filter((e) => e.method === 'Network.requestWillBeSent')
      .map((e) => String((e.params?.request as { url?: string })?.url))
      .filter((url) => !/^(file|data|about):/.test(url));
    await cdp.send('Browser.close').catch(() => undefined);
    const page = JSON.parse(result.value) as {
      charts: Array<{ w: number; h: number; marks: number; tips: number }>; rows: string[]; title: string; order: string[];
      tables: Array<{ scroll: number; client: number }>; page: { scroll: number; client: number };
    };
    return { ...page, errors, requests, screenshot: Buffer.from(data, 'base64') };
  } finally {
    browser.kill();
  }
}

/** What every report must show at 1280 px: no console error, no request, no table or page wider than its box, a real screenshot. */
function checkPage(page: Awaited<ReturnType<typeof openReport>>): void {
  assert.deepEqual(page.errors, [], 'no console error or exception');
  assert.deepEqual(page.requests, [], 'no network request');
  assert.ok(page.tables.length > 0);
  for (const t of page.tables) assert.ok(t.scroll <= t.client, `a table overflows its container at 1280 px: ${JSON.stringify(t)}`);
  assert.ok(page.page.scroll <= page.page.client, `the page scrolls sideways at 1280 px: ${JSON.stringify(page.page)}`);
  assert.ok(page.screenshot.subarray(1, 4).toString('latin1') === 'PNG' && page.screenshot.length > 20_000, 'a screenshot');
  for (const c of page.charts) assert.ok(c.w > 100 && c.h > 100 && c.marks > 10, `chart drawn: ${JSON.stringify(c)}`);
}

function chromiumOrSkip(t: { skip: (m: string) => void }): string | undefined {
  const chromium = findChromium();
  if (!chromium) {
    if (process.env.CI === 'true') assert.fail('Chromium is not installed, and CI must run the browser test (.ci/run installs it)');
    t.skip('Chromium not installed (apt-get install chromium): the browser check of report.html did not run');
  }
  return chromium;
}

test('a run report in headless Chromium at 1280 px: charts, table, tooltips, no overflow, no console error, no network request', async (t) => {
  const chromium = chromiumOrSkip(t);
  if (!chromium) return;
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-browser-'));
  const p = tiny('strategies=[device-only, edge-only, cachenet]');
  await writeRunReport(dir, p.scenario, runScenario(p));
  const page = await openReport(chromium, dir);
  checkPage(page);
  assert.equal(page.charts.length, 2, 'two charts');
  assert.deepEqual(page.rows, ['device-only', 'edge-only', 'cachenet']);
});

test('a sweep report in headless Chromium at 1280 px: charts first, then the compared points; tooltips; no overflow', async (t) => {
  const chromium = chromiumOrSkip(t);
  if (!chromium) return;
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-browser-'));
  const spec = { ...loadSweep(`${FIXTURES}tiny-sweep.yaml`), compare: { key: 'cachenet.policy', reference: 'lru' } };
  await writeSweepReport(dir, sweepTable(await runSweep(spec, { out: dir, workers: 1 })));
  const page = await openReport(chromium, dir);
  checkPage(page);
  assert.deepEqual(page.order, ['Charts', 'Compared points']);
  assert.ok(page.charts.length >= 3 && page.charts.every((c) => c.tips > 0), `every chart has point tooltips: ${JSON.stringify(page.charts)}`);
  assert.equal(page.rows.filter((r) => r === 'any').length, 1, 'device-only, which no swept key moves, is one row');
});
