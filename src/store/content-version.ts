import type { Db } from './database.js';

/**
 * Content (packs, stages, topics, questions) changes only when a pack is synced. Readers that keep content in
 * memory compare this number, per database connection, with the one they read at, and read again when it moved.
 */
const versions = new WeakMap<Db, number>();

export const contentVersion = (db: Db): number => versions.get(db) ?? 0;

export function contentChanged(db: Db): void {
  versions.set(db, contentVersion(db) + 1);
}
