/** Paths into ../shared/data (beside the repository root, in CI too). */
import { fileURLToPath } from 'node:url';

export const cacheTrace = (name: string): string => fileURLToPath(new URL(`../../shared/data/cachetraces/${name}`, import.meta.url));

export const sharedData = (path: string): string => fileURLToPath(new URL(`../../shared/data/${path}`, import.meta.url));
