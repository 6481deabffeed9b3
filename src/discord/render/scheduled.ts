import { ButtonStyle, ComponentType, type APIEmbed } from 'discord.js';
import type { DailyPost, DailyReveal, PostImage, WeeklyPost, WeeklyResults } from '../../schedule/channel-poster.js';
import type { ChallengeStep } from '../../quiz/scheduled-quiz.js';
import type { Reply } from '../command.js';
import { customIds } from '../custom-id.js';
import { BRAND_COLOUR, DISCORD, fit } from './limits.js';
import { pingLine } from './notify.js';
import { LETTERS, optionButtons, questionEmbed } from './question.js';

function conceptEmbed(post: DailyPost): APIEmbed {
  const keyPoints = post.topic.keyPoints.map((p) => `• ${p}`).join('\n');
  return {
    title: fit(`Day ${post.day}: ${post.topic.title}`, DISCORD.embedTitle),
    description: fit(`${post.topic.summary}\n\n**Key points**\n${keyPoints}`, DISCORD.embedDescription),
    color: BRAND_COLOUR,
    footer: { text: fit(`${post.topic.stageTitle} · ${post.marker}`, DISCORD.footer) },
  };
}

/** The daily post: the concept card, then today's question with a button per option; the ping role first, if any. */
export function renderDailyPost(post: DailyPost, pingRoleId?: string | null): Reply {
  return {
    content: pingLine(pingRoleId, `Day ${post.day} is up: today's concept and question.`),
    embeds: [conceptEmbed(post), questionEmbed(post.question, 'Today\'s question')],
    components: [optionButtons(post.question.options.length, (option) => customIds.dailyAnswer(post.postId, option))],
  };
}

/** Yesterday's post once closed: the answer, how many chose each option, and why. */
export function renderDailyReveal(post: DailyPost, reveal: DailyReveal): Reply {
  const total = reveal.counts.reduce((n, c) => n + c, 0);
  const lines = reveal.question.options.map((option, i) => {
    const mark = i === reveal.question.answer ? '✅' : '▫️';
    return `${mark} **${LETTERS[i]}.** ${option} — ${reveal.counts[i] ?? 0}`;
  });
  const answer: APIEmbed = {
    title: 'Answer',
    color: BRAND_COLOUR,
    description: fit(`${reveal.question.prompt}\n\n${lines.join('\n')}\n\n${reveal.question.explanation}`, DISCORD.embedDescription),
    footer: { text: `${total} ${total === 1 ? 'member' : 'members'} answered · closed` },
  };
  return {
    embeds: [conceptEmbed(post), answer],
    components: [optionButtons(reveal.question.options.length, (option) => customIds.dailyAnswer(post.postId, option), true)],
  };
}

export function renderWeeklyPost(post: WeeklyPost, closed = false, pingRoleId?: string | null): Reply {
  return {
    content: closed ? undefined : pingLine(pingRoleId, 'This week\'s challenge is open.'),
    embeds: [
      {
        title: fit(`Weekly challenge: ${post.title}`, DISCORD.embedTitle),
        color: BRAND_COLOUR,
        description: closed
          ? 'This challenge has closed; the results are posted below.'
          : `${post.questionCount} harder questions${post.stageTitle ? ` from **${post.stageTitle}**` : ''}, one after another, only you see them. Your first answer to each counts. Press **Start** when you are ready.`,
        footer: { text: post.marker },
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Start', custom_id: customIds.weeklyStart(post.postId), disabled: closed }],
      },
    ],
  };
}

/** The week's results; an image, when given, goes with the message and the embed shows it. */
export function renderWeeklyResults(results: WeeklyResults, image?: PostImage): Reply {
  const podium = results.top.map((row, i) => `**${i + 1}.** <@${row.userId}> — ${row.score}/${results.questionCount}`).join('\n');
  const hardest = results.hardest ? `\n\n**Hardest question** (${Math.round(results.hardest.correctShare * 100)}% right): ${results.hardest.prompt}` : '';
  return {
    embeds: [
      {
        title: fit(`Results: ${results.title}`, DISCORD.embedTitle),
        color: BRAND_COLOUR,
        description: fit(
          `${results.participants} took part, ${results.finished} finished all ${results.questionCount} questions.\n\n${podium || 'Nobody took this challenge.'}${hardest}`,
          DISCORD.embedDescription,
        ),
        footer: { text: results.marker },
        ...(image ? { image: { url: `attachment://${image.name}` } } : {}),
      },
    ],
    ...(image ? { files: [image] } : {}),
    // Results mention members without pinging them.
  };
}

/** One step of a member's private run through a challenge. */
export function renderChallengeStep(postId: number, step: ChallengeStep, before: APIEmbed[] = []): Reply {
  if (step.kind === 'done') {
    const score: APIEmbed = { title: 'Challenge complete', color: BRAND_COLOUR, description: `You scored **${step.score}/${step.total}**. Results are posted when the next challenge opens.` };
    return { ephemeral: true, embeds: [...before, score], components: [] };
  }
  return {
    ephemeral: true,
    embeds: [...before, questionEmbed(step.question, `Question ${step.index + 1} of ${step.total}`)],
    components: [optionButtons(step.question.options.length, (option) => customIds.weeklyAnswer(postId, step.index, option))],
  };
}
