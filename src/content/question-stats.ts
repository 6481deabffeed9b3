import { UserError } from '../errors.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { AnswerStore } from '../store/answer-store.js';
import type { ContentStore } from '../store/content-store.js';
import type { Catalog } from './catalog.js';

export interface QuestionStat {
  key: number;
  prompt: string;
  options: string[];
  answer: number;
  /** picks[i]: how often option i was chosen. */
  picks: number[];
  answered: number;
  /** Share answered correctly; null when nobody has answered yet. */
  accuracy: number | null;
}

export interface QuestionStats {
  scopeTitle: string;
  /** Hardest first (lowest accuracy among those answered), then the unanswered ones. */
  questions: QuestionStat[];
}

/** Which questions of a stage or topic the group finds hard, and which wrong option catches people. */
export function createQuestionStats({ content, answers, catalog, guild }: { content: ContentStore; answers: AnswerStore; catalog: Catalog; guild: GuildContext }) {
  return {
    forScope(guildId: string, scope: { stage?: string | null; topic?: string | null }): QuestionStats {
      const packId = guild.packId(guildId);
      let scopeTitle: string;
      let keys: number[];
      if (scope.topic) {
        const topic = catalog.findTopic(guildId, scope.topic);
        scopeTitle = topic.title;
        keys = content.liveQuestions(packId).filter((q) => q.topicId === topic.id).map((q) => q.key);
      } else if (scope.stage) {
        const stage = catalog.findStage(guildId, scope.stage);
        scopeTitle = stage.title;
        keys = content.liveQuestions(packId).filter((q) => q.stageId === stage.id).map((q) => q.key);
      } else {
        throw new UserError('Pick a stage or a topic to see its questions, e.g. /content stats stage:Modelling.');
      }
      const counts = answers.choiceCounts(guildId, keys);
      const questions = keys.map((key): QuestionStat => {
        const question = content.question(key)!;
        const byChoice = counts.get(key);
        const picks = question.options.map((_, i) => byChoice?.get(i) ?? 0);
        const answered = picks.reduce((a, b) => a + b, 0);
        return { key, prompt: question.prompt, options: question.options, answer: question.answer, picks, answered, accuracy: answered ? picks[question.answer]! / answered : null };
      });
      questions.sort((a, b) => (a.accuracy ?? 2) - (b.accuracy ?? 2) || b.answered - a.answered || a.key - b.key);
      return { scopeTitle, questions };
    },
  };
}

export type QuestionStatsService = ReturnType<typeof createQuestionStats>;
