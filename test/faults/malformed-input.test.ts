import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { APIChatInputApplicationCommandGuildInteraction } from 'discord-api-types/v10';
import { startBot, type Bot } from '../helpers/bot.js';
import { EPHEMERAL, finalReply, replyOf, textOf } from '../helpers/replies.js';

let bot: Bot;
beforeEach(async () => {
  bot = await startBot();
});
afterEach(async () => {
  expect(bot.discord.contractViolations).toEqual([]);
  // Nothing crashed: the bot still answers.
  expect(replyOf(await bot.discord.slashCommand({ channelId: bot.guild.channels.study!, userId: bot.guild.users.alice!, name: 'help' }).response).embeds).toHaveLength(1);
  await bot.stop();
});

const study = () => bot.guild.channels.study!;
const count = (table: string) => bot.app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
type Payload = APIChatInputApplicationCommandGuildInteraction;
type Options = NonNullable<Payload['data']['options']>;


describe('malformed input', () => {
  it('random bytes in custom ids get a friendly private message and write nothing', async () => {
    const quiz = bot.discord.slashCommand({ channelId: study(), userId: bot.guild.users.alice!, name: 'quiz' });
    await quiz.response;
    const ids = Array.from({ length: 40 }, (_, i) => randomBytes(1 + (i % 60)).toString(i % 2 ? 'latin1' : 'base64').slice(0, 100) || 'x');
    ids.push('v1:pa:1:a:0:'.padEnd(100, '9'), 'v1:dq:99999999:0', 'v1:wa:1:1', 'v1:pn:t:../../etc', 'v1:ra:1:zz:4');
    for (const customId of ids) {
      const reply = replyOf(await bot.discord.clickButton({ message: quiz.original()!, customId, userId: bot.guild.users.alice!, forged: true }).response);
      expect(reply.flags, customId).toBe(EPHEMERAL);
      expect(reply.content, customId).toMatch(/no longer valid|out of date|does not belong|no longer part/);
    }
    expect(count('answers')).toBe(0);
  });

  it('an oversize option is quoted back shortened, inside Discord\'s limits', async () => {
    const huge = 'gradient '.repeat(700);
    const reply = replyOf(await bot.discord.slashCommand({
      channelId: study(), userId: bot.guild.users.alice!, name: 'topic', options: { name: 'x' },
      tamper: (p: Payload) => void ((p.data.options as Options)[0] = { name: 'name', type: 3, value: huge }),
    }).response);
    expect(reply.content).toMatch(/^There is no topic called "gradient gradient .{0,60}…"/);
    expect(reply.content!.length).toBeLessThan(400);
  });

  it('a wrong-typed option gets a clear message, not a failure', async () => {
    const reply = await finalReply(bot.discord.slashCommand({
      channelId: study(), userId: bot.guild.users.mod!, name: 'roles', subcommand: 'threshold', options: { percent: 50 },
      tamper: (p: Payload) => {
        const sub = (p.data.options as Options)[0] as { options: { name: string; type: number; value: unknown }[] };
        sub.options[0] = { name: 'percent', type: 3, value: 'fifty' };
      },
    }));
    expect(reply.content).toMatch(/The options of that command were not what I expected/);
    expect(bot.logs.some((l) => l.msg === 'interaction failed')).toBe(false);
  });

  it('an unknown command is answered, not ignored', async () => {
    const reply = replyOf(await bot.discord.slashCommand({
      channelId: study(), userId: bot.guild.users.alice!, name: 'help', tamper: (p: Payload) => void (p.data.name = 'drop-tables'),
    }).response);
    expect(reply).toMatchObject({ flags: EPHEMERAL, content: "I don't know /drop-tables (any more). Try /help." });
  });

  it.each([
    ['truncated YAML', 'id: cut\ntitle: Cut off\nstages:\n  - id: s\n    title: "never closed', /not valid YAML\/JSON/],
    ['deep nesting', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, /cannot be read safely|not valid YAML|must be an object|expected object/i],
    ['a huge string', `id: big\ntitle: ${'x'.repeat(1_500_000)}\n`, /too long: at most 80 characters/],
    ['an alias bomb', ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)].join('\n'), /cannot be read safely/],
    ['a file that is not text', randomBytes(4096).toString('latin1'), /not valid YAML|is required|expected/i],
  ])('a content pack with %s gets a clear error and writes nothing', async (_name, text, expected) => {
    const packsBefore = count('packs');
    const questionsBefore = count('questions');
    const file = bot.discord.upload('pack.yaml', text);
    const reply = await finalReply(bot.discord.slashCommand({ channelId: study(), userId: bot.guild.users.mod!, name: 'content', subcommand: 'import', options: { file } }));
    expect(textOf(reply)).toContain('pack.yaml was not imported');
    expect(textOf(reply)).toMatch(expected);
    expect([count('packs'), count('questions')]).toEqual([packsBefore, questionsBefore]);
  });

  it('a file over the size limit is refused before it is downloaded', async () => {
    const file = bot.discord.upload('big.yaml', 'x'.repeat(3 * 1024 * 1024));
    const reply = await finalReply(bot.discord.slashCommand({ channelId: study(), userId: bot.guild.users.mod!, name: 'content', subcommand: 'import', options: { file } }));
    expect(reply.content).toBe('big.yaml is 3072 KiB; a pack file may be at most 2048 KiB.');
    expect(bot.discord.requests.some((r) => r.path.includes('/attachments/'))).toBe(false);
  });
});
