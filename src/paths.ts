import { fileURLToPath } from 'node:url';

/** The repository root, so defaults do not depend on the directory the bot is started from. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export const bundledPacksDir = fileURLToPath(new URL('../data/packs', import.meta.url));

export const defaultDatabasePath = fileURLToPath(new URL('../data/cohort.sqlite', import.meta.url));
