import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { TopicCard } from '../../content/catalog.js';
import { customIds } from '../custom-id.js';
import { BRAND_COLOUR, DISCORD, fit } from './limits.js';

/** The concept card: summary and key points in the description, sources in a field, a "Quiz me" button. */
export function renderTopicCard(card: TopicCard): { embeds: APIEmbed[]; components: APIActionRowComponent<APIButtonComponent>[] } {
  const keyPoints = card.keyPoints.map((point) => `• ${point}`).join('\n');
  const sources = card.sources.map((s) => `${s.document} — ${s.section}`).join('\n');
  const embed: APIEmbed = {
    title: fit(card.title, DISCORD.embedTitle),
    description: fit(`${card.summary}\n\n**Key points**\n${keyPoints}`, DISCORD.embedDescription),
    color: BRAND_COLOUR,
    fields: sources ? [{ name: 'Sources', value: fit(sources, DISCORD.fieldValue) }] : [],
    footer: { text: fit(`Stage: ${card.stageTitle} · ${card.questionCount} practice questions`, DISCORD.footer) },
  };
  return {
    embeds: [embed],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Quiz me', custom_id: customIds.practiceNext({ kind: 'topic', id: card.id }) },
        ],
      },
    ],
  };
}
