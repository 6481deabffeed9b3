import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/discord/command.js';
import { useBot, type Bot } from '../helpers/bot.js';
import { limitViolations } from '../helpers/discord-limits.js';
import { finalReply, textOf } from '../helpers/replies.js';

const current = useBot();
let bot: Bot;
beforeEach(() => {
  bot = current();
});

const importFile = async (name: string, content: string) => {
  const file = bot.discord.upload(name, content);
  return finalReply(bot.discord.slashCommand({
    channelId: bot.guild.channels.study!, userId: bot.guild.users.mod!, name: 'content', subcommand: 'import', options: { file },
  }));
};

const untidy = readFileSync(new URL('../fixtures/trivia/solar-system-untidy.yaml', import.meta.url), 'utf8');

describe('/content import of a trivia list with faulty entries', () => {
  it('imports the rest, names what was left out with its line and why, and says how many questions made it', async () => {
    const reply = await importFile('solar-system-untidy.yaml', untidy);
    const text = textOf(reply);
    expect(text).toContain('Imported **solar-system-untidy** (`solar-system-untidy`, version 1): 1 stage(s), 1 topic(s), 7 question(s).');
    expect(text).toContain('Left out (9):');
    expect(text).toContain('• line 1 AUTHOR: makes the pack description 1486 characters: it is cut to 1000');
    expect(text).toContain('• line 12 "Which planet is closest to the Sun?": is a duplicate key: the entry at line 5 is kept');
    expect(text).toContain('• line 14 "WHICH planet has the great red spot?": repeats the prompt at line 7');
    expect(text).toContain('prompt is too long: at most 500 characters');
    // Eight are shown; the ninth is counted.
    expect(text).not.toContain('morning star');
    expect(text).toMatch(/… and 1 more \(`npm run content:check` on the file lists them all\)\.\nFrom the trivia list: imported 7 of 14 questions\./);

    const stats = textOf(await finalReply(bot.discord.slashCommand({
      channelId: bot.guild.channels.study!, userId: bot.guild.users.mod!, name: 'content', subcommand: 'stats',
    })));
    expect(stats).toContain('Questions\n7');
  });

  it('keeps the reply inside Discord\'s limits when hundreds of entries are left out', async () => {
    const longPrompt = (i: number) => `Entry ${i}, ${'a question that rambles on far past what fits in one prompt, '.repeat(9)}?`;
    const lines = ['Which colour is grass?:', '- green', 'Which colour is snow?:', '- white'];
    for (let i = 0; i < 300; i++) lines.push(`${longPrompt(i)}:`, '- blue');
    const reply = await importFile('rambling.yaml', `${lines.join('\n')}\n`);
    const text = textOf(reply);
    expect(text).toContain('Left out (300):');
    expect(text).toContain('… and 292 more');
    expect(text).toContain('From the trivia list: imported 2 of 302 questions.');
    expect(limitViolations(reply as Reply)).toEqual([]);
  });
});
