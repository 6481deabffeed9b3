import type { Migration } from '../migrate.js';
import { contentTables } from './0001-content.js';
import { answersTable } from './0002-answers.js';
import { guildTables } from './0003-guilds.js';
import { postsTable } from './0004-posts.js';
import { progressTables } from './0005-progress.js';
import { answerLookups } from './0006-answer-lookups.js';
import { fewerWriteIndexes } from './0007-fewer-write-indexes.js';
import { threadsAndPings } from './0008-threads-and-pings.js';
import { setupTables } from './0009-setup.js';
import { championTables } from './0010-champions.js';
import { suggestionTables } from './0011-suggestions.js';

/** In order; a new migration is appended here with the next version number. */
export const migrations: readonly Migration[] = [
  contentTables, answersTable, guildTables, postsTable, progressTables, answerLookups, fewerWriteIndexes, threadsAndPings, setupTables, championTables, suggestionTables,
];
