import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { BRAND_COLOUR } from '../src/discord/render/limits.js';

const MEMBER_COMMANDS = [
  ['/roadmap', 'the stages in order, your progress in each, and what to study next'],
  ['/topic', 'a concept card: the idea, its key points and sources, and a "Quiz me" button'],
  ['/quiz', 'a private practice question, from a stage or topic if you choose one'],
  ['/review', 'questions you got wrong or have not seen for a while, spaced out over days'],
  ['/history', 'the last 25 daily questions with your answer to each, and practice on the ones you missed'],
  ['/progress', 'your XP, accuracy, streak, completed stages and reviews due (or another member\'s)'],
  ['/leaderboard', 'this week\'s, this month\'s or all-time top ten, and your own rank'],
  ['/suggest', 'write a question for a topic; a moderator reviews it, and you hear the outcome'],
  ['/help', 'this list'],
];
const MODERATOR_COMMANDS = [
  ['/setup', '`start`: stage roles, a ping role, both schedules and a pinned Start here message in one go; `remove` takes them away'],
  ['/schedule', 'when and where the daily concept and the weekly challenge are posted'],
  ['/roles', 'which role each completed stage earns, how roles stack, the completion threshold, the champion role, sync'],
  ['/content', 'import a curriculum pack or trivia list, list packs, see statistics, review suggested questions, export the pack'],
];

const lines = (rows: string[][]) => rows.map(([name, what]) => `**${name}**: ${what}`).join('\n');

export const help: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('What each Cohort command does')
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  execute: () => ({
    ephemeral: true,
    embeds: [
      {
        title: 'Cohort: your study group\'s commands',
        color: BRAND_COLOUR,
        description:
          'Each day a concept card and a quiz question appear in the study channel: answer with the buttons. ' +
          'Each week there is a five-question challenge. Complete a stage of the roadmap to earn its role.',
        fields: [
          { name: 'For everyone', value: lines(MEMBER_COMMANDS) },
          { name: 'For moderators (Manage Server)', value: lines(MODERATOR_COMMANDS) },
        ],
      },
    ],
  }),
};
