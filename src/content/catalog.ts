import { UserError, quote } from '../errors.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { ContentStore, StageRow, TopicRow } from '../store/content-store.js';
import { findByIdOrTitle, rankByTitle, type Choice } from './search.js';

export interface TopicCard extends TopicRow {
  stageTitle: string;
  questionCount: number;
}

/** The curriculum as a server sees it: its pack's stages and topics, looked up by id or title. */
export function createCatalog(content: ContentStore, guild: GuildContext) {
  const stagesOf = (guildId: string) => content.stages(guild.packId(guildId));
  const topicsOf = (guildId: string, stageId?: string) => {
    const topics = content.topics(guild.packId(guildId));
    return stageId ? topics.filter((topic) => topic.stageId === stageId) : topics;
  };

  const listing = (items: { title: string }[]) => items.slice(0, 5).map((item) => `"${item.title}"`).join(', ');

  return {
    stages: stagesOf,
    topics: topicsOf,
    /** The title of the pack the server follows. */
    packTitle: (guildId: string): string => content.pack(guild.packId(guildId))?.title ?? guild.packId(guildId),

    findStage(guildId: string, text: string): StageRow {
      const stages = stagesOf(guildId);
      const stage = findByIdOrTitle(stages, text);
      if (stage) return stage;
      const close = rankByTitle(stages, text, 3);
      throw new UserError(
        `There is no stage called ${quote(text)}. ${close.length ? `Did you mean ${listing(close)}?` : `Stages include ${listing(stages)}.`} Pick one from the suggestions as you type.`,
      );
    },

    findTopic(guildId: string, text: string, stageId?: string): TopicRow {
      const topics = topicsOf(guildId, stageId);
      const topic = findByIdOrTitle(topics, text);
      if (topic) return topic;
      const close = rankByTitle(topics, text, 3);
      throw new UserError(
        `There is no topic called ${quote(text)}${stageId ? ' in that stage' : ''}. ${close.length ? `Did you mean ${listing(close)}?` : 'Try /roadmap to see the topics.'} Pick one from the suggestions as you type.`,
      );
    },

    topicCard(guildId: string, text: string): TopicCard {
      const packId = guild.packId(guildId);
      const topic = this.findTopic(guildId, text);
      const stage = content.stages(packId).find((s) => s.id === topic.stageId);
      const questionCount = content.questionCounts(packId).find((c) => c.topicId === topic.id)?.questions ?? 0;
      return { ...topic, stageTitle: stage?.title ?? '', questionCount };
    },

    suggestStages: (guildId: string, query: string): Choice[] =>
      rankByTitle(stagesOf(guildId), query).map((stage) => ({ name: stage.title, value: stage.id })),

    suggestTopics: (guildId: string, query: string, stageText?: string): Choice[] => {
      const stageId = stageText ? findByIdOrTitle(stagesOf(guildId), stageText)?.id : undefined;
      return rankByTitle(topicsOf(guildId, stageId), query).map((topic) => ({ name: topic.title, value: topic.id }));
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
