import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../store/database.js';
import { syncPack, type SyncReport } from '../store/content-sync.js';
import { loadPackFromPath, type ContentProblem } from './load-pack.js';

export class InvalidBundledPackError extends Error {
  override readonly name = 'InvalidBundledPackError';
  constructor(readonly problems: ContentProblem[]) {
    super(`A bundled content pack is invalid (${problems.length} problem(s)); run npm run content:check to see them`);
  }
}

/** Each folder under data/packs that holds a pack manifest is a bundled pack. */
export function bundledPackDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, entry.name))
    .filter((dir) => ['pack.yaml', 'pack.yml', 'pack.json'].some((name) => existsSync(join(dir, name))))
    .sort();
}

/** Validates every bundled pack and syncs it into the store; an invalid pack stops start-up. */
export function loadBundledPacks(db: Db, root: string, now: number): SyncReport[] {
  return bundledPackDirs(root).map((dir) => {
    const loaded = loadPackFromPath(dir);
    if (!loaded.ok) throw new InvalidBundledPackError(loaded.problems);
    return syncPack(db, loaded, { origin: 'bundled', now });
  });
}
