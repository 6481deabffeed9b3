import type { Db } from './database.js';

/** Small facts the bot keeps about itself, such as the hash of the command set it last registered. */
export function createMetaStore(db: Db) {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    get: (key: string) => get.get(key) as string | undefined,
    set: (key: string, value: string) => void set.run(key, value),
  };
}

export type MetaStore = ReturnType<typeof createMetaStore>;
