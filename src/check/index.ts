/** The contract suites of every extension point, as library code: the tests and `mcsim check` call them. */
export { checkPolicy } from './policy.js';
export { checkStrategy, type StrategyCheckOptions } from './strategy.js';
export { checkWorld } from './world.js';
export { formatCheckReport, passed, type CheckKind, type CheckOptions, type CheckProperty, type CheckReport } from './report.js';
export { checkPredictor } from './predictor.js';
