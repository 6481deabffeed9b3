import type { APIMessage } from 'discord-api-types/v10';
import { GatewayCloseCodes, GatewayOpcodes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayRefusedError } from '../../src/discord/shards.js';
import { shardOf, type AddedGuild } from '../../src/loopback/index.js';
import { manualClock, startBot, type Bot } from '../helpers/bot.js';
import { buttonsOf, finalReply, questionKeyOf, replyOf, textOf, type ReplyData } from '../helpers/replies.js';

// Three shards that identify at once (a bucket each): start-up is not what these tests are about.
const THREE_SHARDS = { recommended: 3, maxConcurrency: 3 };
const clock = manualClock();
let bot: Bot | undefined;
afterEach(async () => {
  const running = bot;
  bot = undefined;
  if (!running) return;
  try {
    expect(running.discord.contractViolations).toEqual([]);
  } finally {
    await running.stop();
  }
});

const user = (guild: AddedGuild, name: 'mod' | 'alice' | 'bob') => guild.users[name]!;
const command = (guild: AddedGuild, who: 'mod' | 'alice', name: string, subcommand?: string, options: Record<string, string | number> = {}) =>
  bot!.discord.slashCommand({ guildId: guild.id, channelId: guild.channels.study!, userId: user(guild, who), name, ...(subcommand ? { subcommand } : {}), options });
const rightAnswer = (customId: string) => bot!.app.db.prepare('SELECT answer FROM questions WHERE key = ?').pluck().get(questionKeyOf(customId)) as number;
const shardLogs = (msg: string) => bot!.logs.filter((l) => l.msg === msg).map((l) => l.shard);

/** Answers a /quiz question of `stage` right: a command, then a button. */
async function answerRight(guild: AddedGuild, stage: string): Promise<ReplyData> {
  const quiz = command(guild, 'alice', 'quiz', undefined, { stage });
  const buttons = buttonsOf(replyOf(await quiz.response));
  return replyOf(await bot!.discord.clickButton({ message: quiz.original()!, customId: buttons[rightAnswer(buttons[0]!.custom_id!)]!.custom_id!, userId: user(guild, 'alice') }).response);
}

describe('three gateway shards in one process', () => {
  it('a server on every shard gets its commands, buttons, scheduled post and stage role', async () => {
    clock.set(Date.parse('2026-11-23T08:59:00Z'));
    bot = await startBot({ clock, servers: 3, loopbackShards: THREE_SHARDS });
    const { discord, guilds } = bot;
    expect(guilds.map((g) => shardOf(g.id, 3)).sort()).toEqual([0, 1, 2]);
    expect(bot.app.client.ws.shards.size).toBe(3);
    expect(shardLogs('shard ready').sort()).toEqual([0, 1, 2]);

    for (const guild of guilds) {
      expect(textOf(await finalReply(command(guild, 'mod', 'schedule', 'daily', { channel: guild.channels.study!, time: '09:00', timezone: 'UTC' })))).toContain('Every day at 09:00 (UTC)');
      await finalReply(command(guild, 'mod', 'roles', 'set', { stage: 'maths-foundations', role: guild.roles['Stage 1']! }));
      await finalReply(command(guild, 'mod', 'roles', 'threshold', { percent: 10 }));
    }
    clock.set(Date.parse('2026-11-23T09:00:05Z'));
    await bot.app.services.scheduler.tick();
    for (const guild of guilds) {
      const posts = discord.state.messagesIn(guild.channels.study!);
      expect(posts).toHaveLength(1);
      const post = posts[0]! as APIMessage;
      const buttons = buttonsOf(post as unknown as ReplyData);
      const key = bot.app.db.prepare("SELECT question_key FROM posts WHERE kind = 'daily' AND guild_id = ?").pluck().get(guild.id) as number;
      const right = bot.app.db.prepare('SELECT answer FROM questions WHERE key = ?').pluck().get(key) as number;
      const answered = discord.clickButton({ message: post, customId: buttons[right]!.custom_id!, userId: user(guild, 'alice') });
      expect(replyOf(await answered.response).embeds![0]!.title).toBe('Correct');
    }

    for (const guild of guilds) {
      let last: ReplyData = {};
      for (let i = 0; i < 3; i++) last = await answerRight(guild, 'maths-foundations');
      expect(last.embeds!.at(-1)).toMatchObject({ title: '🎉 Stage complete' });
    }
    await bot.app.services.awarder.idle();
    const awards = discord.requests.filter((r) => r.route === 'PUT /guilds/:guild_id/members/:user_id/roles/:role_id').map((r) => r.path);
    expect(awards.sort()).toEqual(guilds.map((g) => `/guilds/${g.id}/members/${user(g, 'alice')}/roles/${g.roles['Stage 1']}`).sort());

    // Every interaction went out on the socket of its server's shard, and the bot answered them all.
    const interactions = discord.gateway.frames.filter((f) => f.t === 'INTERACTION_CREATE');
    expect(interactions.length).toBe(3 * 3 + 3 + 3 * 6);
    for (const frame of interactions) expect(frame.shard).toBe(shardOf((frame.d as { guild_id: string }).guild_id, 3));
    expect(new Set(interactions.map((f) => f.shard))).toEqual(new Set([0, 1, 2]));
  });

  it('one shard dropped: a click on another shard is answered while it is down, and it resumes with what it missed', async () => {
    clock.set(Date.parse('2026-11-23T08:59:00Z'));
    bot = await startBot({ clock, servers: 3, loopbackShards: THREE_SHARDS });
    const { discord, guilds } = bot;
    const [down, up] = [guilds[0]!, guilds[1]!];
    const downShard = shardOf(down.id, 3);
    const quizzes = await Promise.all([down, up].map(async (guild) => {
      const quiz = command(guild, 'alice', 'quiz');
      return { guild, buttons: buttonsOf(replyOf(await quiz.response)), message: quiz.original()! };
    }));

    // The dropped shard gets no HELLO for 1.5 s when it reconnects: it stays down while the other shard serves.
    discord.dropGateway({ shard: downShard, holdMs: 1500 });
    await expect.poll(() => discord.gateway.connectedShards()).not.toContain(downShard);
    const missed = discord.clickButton({ message: quizzes[0]!.message, customId: quizzes[0]!.buttons[0]!.custom_id!, userId: user(down, 'alice') });
    const served = discord.clickButton({ message: quizzes[1]!.message, customId: quizzes[1]!.buttons[0]!.custom_id!, userId: user(up, 'alice') });
    expect(replyOf(await served.response).embeds!.at(-1)!.title).toMatch(/^(Correct|Incorrect)$/);
    expect(discord.gateway.connectedShards()).not.toContain(downShard);

    // The click made while its shard was down arrives on RESUME, 1.5 s late: the bot acknowledges it first, inside
    // Discord's 3 s, then shows the feedback.
    expect((await finalReply(missed)).embeds!.at(-1)!.title).toMatch(/^(Correct|Incorrect)$/);
    expect(discord.gateway.connectedShards()).toEqual([0, 1, 2]);
    const resumes = discord.gateway.frames.filter((f) => f.direction === 'in' && f.op === GatewayOpcodes.Resume);
    expect(resumes.map((f) => f.shard)).toEqual([downShard]);
    expect(discord.gateway.identifies).toHaveLength(3);
    expect(shardLogs('shard reconnecting')).toEqual([downShard]);
    expect(shardLogs('shard resumed')).toEqual([downShard]);
    const stored = bot.app.db.prepare("SELECT guild_id FROM answers WHERE user_id = ? AND source = 'practice'").pluck().all(user(up, 'alice')) as string[];
    expect(stored.sort()).toEqual([down.id, up.id].sort());
  });

  it('with sharding turned off past 2,500 servers, Discord closes the gateway with 4011 and start-up says how to fix it', async () => {
    const refusal = (await startBot({ servers: 2501, shardCount: 1 }).catch((error: unknown) => error)) as GatewayRefusedError;
    expect(refusal).toBeInstanceOf(GatewayRefusedError);
    expect(refusal.code).toBe(GatewayCloseCodes.ShardingRequired);
    expect(refusal.message).toContain('SHARD_COUNT=1');
    expect(refusal.message).toContain('unset it to use the count Discord recommends');
  });

  it('past 2,500 servers with SHARD_COUNT unset, the bot opens the shards Discord recommends', async () => {
    bot = await startBot({ servers: 2501, loopbackShards: { maxConcurrency: 3 } });
    expect(bot.app.client.ws.shards.size).toBe(3);
    expect(bot.app.client.guilds.cache.size).toBe(2501);
    expect(bot.logs.find((l) => l.msg === 'connected to Discord')).toMatchObject({ guilds: 2501, shards: 3 });
  });
});
