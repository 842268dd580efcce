/**
 * Name, usage and one-line description of every command, apart from the command modules, so that
 * `mcsim --help` lists them without loading any (main.ts imports only the module of the command run).
 */
export const USAGE = '$0 <command> [options]\n\nDiscrete-event simulation of DNN caching and offloading between devices, edge and cloud.';

/** Columns of the help text: the terminal's, at most 110, 100 when not a terminal. */
export const helpWidth = () => Math.min(110, process.stdout.columns || 100);

export const commandInfo = {
  run: { command: 'run [scenario]', describe: 'Simulate a scenario and write summary.csv/json (+ per-frame CSV)' },
  validate: { command: 'validate [scenario]', describe: 'Check a scenario and the files it names, without running it' },
  sweep: { command: 'sweep <sweep>', describe: 'Run a parameter sweep (a scenario with a sweep: block, or a sweep file)' },
  merge: { command: 'merge <dirs..>', describe: 'Merge sweep shard folders into one sweep report' },
  schema: { command: 'schema', describe: 'Print the JSON Schema of scenario files' },
  mrc: { command: 'mrc <trace>', describe: 'Miss ratios of cache policies on a request trace, and the exact LRU miss-ratio curve (or its SHARDS estimate, --sample)' },
  trace: { command: 'trace <trace>', describe: 'Statistics of a cache trace: objects, one-hit wonders, Zipf fit, reuse times, LRU sizes for 50%/90% of the hits' },
  check: { command: 'check <plugin>', describe: "Run the contract suite of a plugin's kind (policy, strategy, predictor) against it" },
  chart: { command: 'chart <csv>', describe: 'Draw y against x from a tidy CSV: writes <out>.vl.json (Vega-Lite) and <out>.svg' },
} as const;

export type CommandName = keyof typeof commandInfo;

/** The usage error of a command line that names no command (bare `mcsim` and the parser's). */
export const NO_COMMAND = `name a command: ${Object.keys(commandInfo).join(', ')}`;
