import type { Migration } from '../migrate.js';

/**
 * Recording an answer asks whether the member has answered that question right before. Without this index SQLite
 * answers it through answers_by_question, reading every server's answers to the question: slower as history grows.
 */
export const answerLookups: Migration = {
  version: 6,
  name: 'answer-lookups',
  up(db) {
    db.exec('CREATE INDEX answers_by_member_question ON answers(guild_id, user_id, question_key, correct)');
  },
};
