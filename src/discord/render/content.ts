import type { QuestionStats } from '../../content/question-stats.js';
import { STATS_QUESTIONS } from './pictures.js';
import type { ImportResult } from '../../content/content-admin.js';
import type { ContentProblem } from '../../content/load-pack.js';
import { importedCount, type TriviaOutcome } from '../../content/trivia-import.js';
import type { PackRow } from '../../store/content-store.js';
import type { Reply } from '../command.js';
import { BRAND_COLOUR, DISCORD, WRONG_COLOUR, fit } from './limits.js';

export function renderImport({ summary, report, activated, warnings, trivia }: ImportResult): Reply {
  const q = report.questions;
  const lines = [
    `Imported **${summary.title}** (\`${summary.id}\`, version ${summary.version}): ${summary.stages} stage(s), ${summary.topics} topic(s), ${summary.questions} question(s).`,
    report.changed ? `Questions: ${q.added} new, ${q.updated} updated, ${q.retired} retired.` : 'It was already up to date: nothing changed.',
    activated ? 'This server now follows it.' : 'Switch to it with /content use.',
    ...(trivia ? triviaLines(trivia) : []),
    ...(warnings.length ? ['', `Worth improving (${warnings.length}):`, ...warnings.slice(0, 10).map((w) => `• ${w.path}: ${w.message}`)] : []),
  ];
  return { ephemeral: true, embeds: [{ title: 'Pack imported', color: BRAND_COLOUR, description: fit(lines.join('\n'), DISCORD.embedDescription) }] };
}

/** A long list of left-out entries would crowd out the rest: the first few stand for them all. */
const LEFT_OUT_SHOWN = 8;

function triviaLines({ leftOut, ...counts }: TriviaOutcome): string[] {
  const shown = leftOut.slice(0, LEFT_OUT_SHOWN).map((p) => fit(`• ${p.path}: ${p.message}`, 300));
  const more = leftOut.length - shown.length;
  return [
    '',
    ...(shown.length ? [`Left out (${leftOut.length}):`, ...shown] : []),
    ...(more > 0 ? [`… and ${more} more (\`npm run content:check\` on the file lists them all).`] : []),
    `From the trivia list: ${importedCount(counts)}.`,
  ];
}

/** Every problem with its path, as many as fit, then how many more there are. */
export function renderImportProblems(fileName: string, problems: ContentProblem[]): Reply {
  const budget = DISCORD.embedDescription - 200;
  const lines: string[] = [];
  let used = 0;
  for (const p of problems) {
    const line = fit(`• \`${p.path}\`: ${p.message}`, 400);
    if (used + line.length + 1 > budget) break;
    lines.push(line);
    used += line.length + 1;
  }
  const more = problems.length - lines.length;
  return {
    ephemeral: true,
    embeds: [
      {
        title: fit(`${fileName} was not imported`, DISCORD.embedTitle),
        color: WRONG_COLOUR,
        description: `Fix ${problems.length === 1 ? 'this problem' : `these ${problems.length} problems`} and upload it again:\n${lines.join('\n')}${more > 0 ? `\n…and ${more} more (run \`npm run content:check\` on the file to see them all).` : ''}`,
      },
    ],
  };
}

export function renderPackList({ packs, activeId }: { packs: PackRow[]; activeId: string }): Reply {
  const lines = packs.map((p) => `${p.id === activeId ? '▶️' : '▫️'} **${p.title}** (\`${p.id}\`, v${p.version}, ${p.origin})`);
  return { ephemeral: true, embeds: [{ title: 'Content packs', color: BRAND_COLOUR, description: fit(lines.join('\n') || 'No packs.', DISCORD.embedDescription) }] };
}

export function renderPackStats(stats: { pack: PackRow; stages: number; topics: number; questions: number; studyPlanDays: number }): Reply {
  return {
    ephemeral: true,
    embeds: [
      {
        title: fit(stats.pack.title, DISCORD.embedTitle),
        color: BRAND_COLOUR,
        description: fit(stats.pack.description, DISCORD.embedDescription),
        fields: [
          { name: 'Stages', value: String(stats.stages), inline: true },
          { name: 'Topics', value: String(stats.topics), inline: true },
          { name: 'Questions', value: String(stats.questions), inline: true },
          { name: 'Days in the study plan', value: String(stats.studyPlanDays), inline: true },
        ],
      },
    ],
  };
}

const LETTERS = 'ABCDE';

/** The hardest questions of a stage or topic, as text: accuracy, and the wrong option picked most. */
export function renderQuestionStats(stats: QuestionStats): Reply {
  const shown = stats.questions.slice(0, STATS_QUESTIONS);
  const lines = shown.map((q, i) => {
    if (q.accuracy === null) return `**Q${i + 1}.** ${fit(q.prompt, 120)}\nNo answers yet.`;
    const wrong = q.picks.map((picks, option) => ({ picks, option })).filter((p) => p.option !== q.answer && p.picks > 0).sort((a, b) => b.picks - a.picks)[0];
    const trap = wrong ? ` Most picked wrong option: ${LETTERS[wrong.option]} "${fit(q.options[wrong.option]!, 60)}" (${wrong.picks}).` : '';
    return `**Q${i + 1}.** ${fit(q.prompt, 120)}\n${Math.round(q.accuracy * 100)}% right of ${q.answered}; right answer ${LETTERS[q.answer]}.${trap}`;
  });
  const more = stats.questions.length > shown.length ? `\n\n…and ${stats.questions.length - shown.length} more, answered more often correctly.` : '';
  return {
    ephemeral: true,
    embeds: [{
      title: fit(`Question statistics: ${stats.scopeTitle}`, DISCORD.embedTitle),
      color: BRAND_COLOUR,
      description: fit(`${stats.questions.length} question(s), hardest first.\n\n${lines.join('\n\n') || 'This has no questions.'}${more}`, DISCORD.embedDescription),
    }],
  };
}
