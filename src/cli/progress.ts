/**
 * Progress of long runs on stderr: a bar with rate and ETA on a terminal, otherwise a plain line at
 * every tenth of the work (logs stay readable, CI output stays short).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function progress(label: string, enabled = true): Progress {
  if (!enabled) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const t0 = Date.now();
    return {
      update(done, total) {
        if (!started) (bar.start(total, 0, { rate: '0' }), (started = true));
        bar.update(done, { rate: (done / Math.max(1e-3, (Date.now() - t0) / 1000)).toFixed(1) });
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastTenth = 0;
  const t0 = Date.now();
  return {
    update(done, total) {
      const tenth = Math.floor((10 * done) / total);
      if (tenth > lastTenth || done === total) {
        lastTenth = tenth;
        const elapsed = (Date.now() - t0) / 1000;
        const left = done < total && done > 0 ? `, about ${Math.ceil((elapsed * (total - done)) / done)} s left` : '';
        process.stderr.write(`${label}: ${done}/${total}, ${Math.round(elapsed)} s${left}\n`);
      }
    },
    stop() {},
  };
}
