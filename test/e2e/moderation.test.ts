import { beforeEach, describe, expect, it } from 'vitest';
import { useBot, type Bot } from '../helpers/bot.js';
import { EPHEMERAL, finalReply, replyOf as data, textOf } from '../helpers/replies.js';

const current = useBot();
let bot: Bot;
beforeEach(() => {
  bot = current();
});

const user = (name: 'mod' | 'alice') => bot.guild.users[name]!;
const run = (name: string, subcommand: string, options: Record<string, string | number | boolean> = {}, as: 'mod' | 'alice' = 'mod') =>
  bot.discord.slashCommand({ channelId: bot.guild.channels.study!, userId: user(as), name, subcommand, options });
/** Deferred commands answer with type 5 first, then edit @original: the text the member finally reads. */
const finalText = async (handle: ReturnType<typeof run>): Promise<string> => textOf(await finalReply(handle));

describe('moderators\' commands', () => {
  it('are registered for Manage Server by default', () => {
    const put = bot.discord.requests.find((r) => r.route === 'PUT /applications/:application_id/guilds/:guild_id/commands')!;
    const defaults = Object.fromEntries((put.body as { name: string; default_member_permissions: string | null }[]).map((c) => [c.name, c.default_member_permissions]));
    expect(defaults).toMatchObject({ schedule: '32', roles: '32', content: '32' });
    expect(defaults.quiz ?? null).toBeNull();
  });

  it('are refused to a member without Manage Server even if the server lets them run it', async () => {
    // A server can override the default permission; the bot checks again.
    const response = await bot.discord.slashCommand({
      channelId: bot.guild.channels.study!, userId: user('alice'), name: 'schedule', subcommand: 'show', permissions: 0n,
    }).response;
    expect(data(response).flags).toBe(EPHEMERAL);
    expect(data(response).content).toMatch(/Only moderators can do that: it needs the \*\*Manage Server\*\* permission/);
  });

  it('/schedule daily explains a bad time and a bad timezone, then saves a good one and shows it', async () => {
    const channel = bot.guild.channels.study!;
    const deferred = await run('schedule', 'daily', { channel, time: '25:99', timezone: 'Europe/London' }).response;
    expect(deferred).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const badTime = await finalText(run('schedule', 'daily', { channel, time: '25:99', timezone: 'Europe/London' }));
    expect(badTime).toContain('\"25:99\" is not a time of day. Use 24-hour HH:MM, from 00:00 to 23:59: for example 07:30 or 18:00.');
    const badZone = await finalText(run('schedule', 'daily', { channel, time: '09:00', timezone: 'Europe/Londn' }));
    expect(badZone).toMatch(/"Europe\/Londn" is not an IANA timezone name\. Did you mean Europe\/London/);

    const saved = await finalText(run('schedule', 'daily', { channel, time: '9:00', timezone: 'europe/london' }));
    expect(saved).toContain(`Every day at 09:00 (Europe/London) in <#${channel}>`);
    await finalText(run('schedule', 'weekly', { channel, day: 'friday', time: '18:30', timezone: 'Asia/Kolkata' }));
    const shown = await finalText(run('schedule', 'show'));
    expect(shown).toMatch(/Daily concept and quiz\n[^]*Weekly challenge/);
    expect(shown).toMatch(/Fridays at 18:30 \(Asia\/Kolkata\) in <#\d+>\nNext: <t:\d+:F>/);

    const paused = await finalText(run('schedule', 'pause'));
    expect(paused.match(/Paused: \/schedule resume/g)).toHaveLength(2);
  });

  it('/schedule timezone autocompletes city names', async () => {
    const response = await bot.discord.autocomplete({
      channelId: bot.guild.channels.study!, userId: user('mod'), name: 'schedule', subcommand: 'daily',
      options: { timezone: 'kolk' }, focused: 'timezone',
    }).response;
    expect(data(response).choices).toEqual([{ name: 'Asia/Kolkata', value: 'Asia/Kolkata' }]);
  });

  it('/roles set refuses a role above the bot with the fix, and saves one below it', async () => {
    const refused = await finalText(run('roles', 'set', { stage: 'data-preparation', role: bot.guild.roles.Admins! }));
    expect(refused).toMatch(/@Admins is not below my highest role.*drag @cohort above @Admins/);
    const unknownStage = await finalText(run('roles', 'set', { stage: 'astrology', role: bot.guild.roles['Stage 1']! }));
    expect(unknownStage).toMatch(/There is no stage called "astrology"/);

    const saved = await finalText(run('roles', 'set', { stage: 'data-preparation', role: bot.guild.roles['Stage 1']! }));
    expect(saved).toContain(`Members who complete **Data collection and preparation** will get <@&${bot.guild.roles['Stage 1']}>`);
    const check = await finalText(run('roles', 'check'));
    expect(check).toContain(`5. Data collection and preparation: <@&${bot.guild.roles['Stage 1']}>`);
    expect(check).toContain('**Mode:** stack');
  });

  it('/content import turns a trivia list into a pack and switches to it; a broken pack lists every problem with its path', async () => {
    const trivia = bot.discord.upload('capitals.yaml', 'AUTHOR: Test\nCapital of France?:\n- Paris\nCapital of Italy?:\n- Rome\nCapital of Spain?:\n- Madrid\n');
    const imported = await finalText(run('content', 'import', { file: trivia }));
    expect(imported).toContain('Imported **capitals** (`capitals`, version 1): 1 stage(s), 1 topic(s), 3 question(s).');
    expect(imported).toContain('This server now follows it.');
    const stats = await finalText(run('content', 'stats'));
    expect(stats).toContain('Questions\n3');

    const broken = bot.discord.upload('broken.yaml', [
      'id: Bad Id', 'title: Broken', 'description: x', 'version: 1', 'stages:', '  - id: s', '    title: S', '    summary: s', '    topics:',
      '      - id: t', '        title: T', '        summary: t', '        keyPoints: [k]', '        questions:',
      '          - { id: q, prompt: p, options: [a, a], answer: 5, explanation: e, difficulty: 9 }',
    ].join('\n'));
    const problems = await finalText(run('content', 'import', { file: broken }));
    expect(problems).toContain('broken.yaml was not imported');
    expect(problems).toContain('`id`: must be a lowercase slug');
    expect(problems).toContain('`stages[0].topics[0].questions[0].difficulty`: must be 1, 2 or 3');

    const list = await finalText(run('content', 'list'));
    expect(list).toMatch(/▶️ \*\*capitals\*\*/);
    expect(list).toMatch(/▫️ \*\*Machine Learning Engineer roadmap\*\*/);
  });

  it('a restart with an unchanged command set makes no registration call', async () => {
    const registrations = () => bot.discord.requests.filter((r) => r.method === 'PUT' && r.route?.includes('/commands')).length;
    expect(registrations()).toBe(1);
    await bot.restart();
    expect(registrations()).toBe(1);
  });
});
