// Worker threads do not inherit the TypeScript loader registered by bin/mcsim.js: register it here.
import { register } from 'tsx/esm/api';

register();
await import('./mrc-thread.ts');
