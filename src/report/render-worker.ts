/** The chart thread of render-thread.ts: loads vega at once, then renders each spec it is sent. */
import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { loadVega, renderSvg } from './render.js';
import type { RenderReply } from './render-thread.js';

void loadVega();
parentPort!.on('message', async ({ id, spec }: { id: number; spec: TopLevelSpec }) => {
  let reply: RenderReply;
  try {
    reply = { id, svg: await renderSvg(spec) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
