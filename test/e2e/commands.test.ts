import { beforeEach, describe, expect, it } from 'vitest';
import { useBot, type Bot } from '../helpers/bot.js';
import { EPHEMERAL, buttonsOf, questionKeyOf, replyOf as data } from '../helpers/replies.js';

const current = useBot();
let bot: Bot;
beforeEach(() => {
  bot = current();
});

const channel = () => bot.guild.channels.study!;
const user = (name: 'mod' | 'alice' | 'bob') => bot.guild.users[name]!;

function run(name: string, as: 'mod' | 'alice' | 'bob', options?: Record<string, string | number | boolean>, subcommand?: string) {
  return bot.discord.slashCommand({ channelId: channel(), userId: user(as), name, options, subcommand });
}

describe('members\' commands, through a real discord.js client and a loopback Discord', () => {
  it('registers every command by bulk overwrite to the dev server at start-up', async () => {
    const puts = bot.discord.requests.filter((r) => r.route === 'PUT /applications/:application_id/guilds/:guild_id/commands');
    expect(puts).toHaveLength(1);
    expect((puts[0]!.body as { name: string }[]).map((c) => c.name).sort()).toEqual(
      ['content', 'help', 'history', 'leaderboard', 'notify', 'progress', 'quiz', 'review', 'roadmap', 'roles', 'schedule', 'setup', 'suggest', 'topic'],
    );
  });

  it('/help lists the commands privately', async () => {
    const response = await run('help', 'alice').response;
    expect(data(response).flags).toBe(EPHEMERAL);
    expect(JSON.stringify(data(response).embeds)).toContain('/roadmap');
  });

  it('/topic autocompletes titles, best match first, and shows the concept card with a Quiz me button', async () => {
    const suggest = await bot.discord.autocomplete({ channelId: channel(), userId: user('alice'), name: 'topic', options: { name: 'gradient' }, focused: 'name' }).response;
    const choices = data(suggest).choices!;
    expect(choices[0]).toEqual({ name: 'Gradient descent', value: 'gradient-descent-basics' });
    expect(choices.length).toBeLessThanOrEqual(25);

    const card = await run('topic', 'alice', { name: choices[0]!.value }).response;
    const embed = data(card).embeds![0]!;
    expect(embed.title).toBe('Gradient descent');
    expect(embed.description).toContain('**Key points**');
    expect(embed.fields?.[0]?.name).toBe('Sources');
    expect(JSON.stringify(data(card).components)).toContain('Quiz me');
  });

  it('a practice question: one button per option, a click shows the verdict and explanation, a second click does not count again', async () => {
    const question = run('quiz', 'alice', { topic: 'feature-scaling' });
    const reply = data(await question.response);
    expect(reply.flags).toBe(EPHEMERAL);
    const buttons = buttonsOf(reply);
    expect(buttons.map((b) => b.label)).toEqual(['A', 'B', 'C', 'D']);

    const key = questionKeyOf(buttons[0]!.custom_id!);
    const right = bot.app.db.prepare('SELECT answer FROM questions WHERE key = ?').pluck().get(key) as number;
    const message = question.original()!;
    // A double click: both clicks leave the client before the first update arrives.
    const clicks = [right, (right + 1) % 4].map((option) => bot.discord.clickButton({ message, customId: buttons[option]!.custom_id!, userId: user('alice') }));
    const [first, second] = await Promise.all(clicks.map((c) => c.response));
    expect(first!.type).toBe(7);
    const feedback = data(first!).embeds!.at(-1)!;
    expect(feedback.title).toBe('Correct');
    expect(feedback.description).toContain('The answer is');
    expect(JSON.stringify(data(first!).components)).toContain('Next question');
    expect(data(second!).embeds!.at(-1)!.description).toContain('your first answer stands');
    expect(data(second!).embeds!.at(-1)!.title).toBe('Correct');
    expect(bot.app.db.prepare('SELECT count(*) FROM answers').pluck().get()).toBe(1);
  });

  it('prefers questions the member has not yet answered correctly', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const q = run('quiz', 'alice', { topic: 'feature-scaling' });
      const buttons = buttonsOf(data(await q.response));
      const key = questionKeyOf(buttons[0]!.custom_id!);
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      const right = bot.app.db.prepare('SELECT answer FROM questions WHERE key = ?').pluck().get(key) as number;
      await bot.discord.clickButton({ message: q.original()!, customId: buttons[right]!.custom_id!, userId: user('alice') }).response;
    }
    expect(seen.size).toBe(6);
  });

  it('/roadmap, /progress and /leaderboard reflect answers', async () => {
    const q = run('quiz', 'bob', { stage: 'maths-foundations' });
    const buttons = buttonsOf(data(await q.response));
    const key = questionKeyOf(buttons[0]!.custom_id!);
    const right = bot.app.db.prepare('SELECT answer FROM questions WHERE key = ?').pluck().get(key) as number;
    await bot.discord.clickButton({ message: q.original()!, customId: buttons[right]!.custom_id!, userId: user('bob') }).response;

    const roadmap = data(await run('roadmap', 'bob').response).embeds![0]!;
    expect(roadmap.fields).toHaveLength(10);
    expect(roadmap.description).toContain('80%');
    expect(roadmap.fields![1]!.value).toMatch(/`█?░+` \d+% 1\/30/);

    const progress = data(await run('progress', 'bob').response).embeds![0]!;
    expect(progress.fields).toEqual(expect.arrayContaining([{ name: 'XP', value: '10', inline: true }, { name: 'Accuracy', value: '100% (1/1)', inline: true }]));

    const board = data(await run('leaderboard', 'alice', { period: 'all' }).response).embeds![0]!;
    expect(board.description).toContain(`<@${user('bob')}> — 10 XP`);
    expect(board.description).toContain('You have no answers in this period yet');
  });

  it('an unknown topic gets a suggestion instead of a failure', async () => {
    const response = await run('topic', 'alice', { name: 'gradiant descnt' }).response;
    expect(data(response).flags).toBe(EPHEMERAL);
    expect(data(response).content).toMatch(/There is no topic called "gradiant descnt"/);
  });

  it('a tampered or stale button gets a friendly private message', async () => {
    const q = run('quiz', 'alice');
    await q.response;
    for (const customId of ['v1:pa:999999:r:0', 'v1:pa:1:r:9', 'v9:pa:1:r:0', 'garbage\u0000']) {
      const response = await bot.discord.clickButton({ message: q.original()!, customId, userId: user('alice'), forged: true }).response;
      expect(data(response).flags).toBe(EPHEMERAL);
      expect(data(response).content).toMatch(/no longer|out of date|no longer valid/);
    }
    expect(bot.app.db.prepare('SELECT count(*) FROM answers').pluck().get()).toBe(0);
  });

  it('an unexpected failure becomes a private message with a reference that is also in the log', async () => {
    bot.app.db.close();
    const response = await run('roadmap', 'alice').response;
    const ref = /reference `([0-9a-f]{8})`/.exec(data(response).content ?? '')?.[1];
    expect(ref).toBeDefined();
    expect(bot.logs.some((line) => line.ref === ref && line.msg === 'interaction failed')).toBe(true);
    bot.app.db = (await import('better-sqlite3')).default(bot.config.databasePath);
  });
});
