// LRU written as a researcher's plugin would be: only mcsim/plugin exports, outside src/ (the bench
// case `mrc-lru-plugin-loop` replays it against the built-in LRU, which is the same structure).
import { definePolicy, QueueCache, type CachePolicy, type PolicyOptions } from 'mcsim/plugin';

class PluginLru extends QueueCache implements CachePolicy {
  touch(key: number): void {
    this.order.moveToTail(0, key);
  }
}

export default definePolicy({
  name: 'plugin-lru',
  description: 'least recently used, as a plugin',
  create: (options: PolicyOptions) => new PluginLru('plugin-lru', options),
});
