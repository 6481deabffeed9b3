import { DateTime } from 'luxon';
import { InteractionResponseType, PermissionFlagsBits, type APIMessage } from 'discord.js';
import { postRef } from '../src/store/answer-store.js';
import { startLoopbackDiscord, type LoopbackDiscord } from '../src/loopback/index.js';
import { buildMessage, type MessageBody } from '../src/loopback/messages.js';
import { botEnv, commandsRegistered, idFactory, orExit, preparedDatabase, reader, spawnBot, workspace, type Workspace } from './bot.js';
import { hasDisabledButton, isDailyPost, postIdOf } from './clicks.js';
import type { Target } from './steps.js';
import { until } from './stats.js';

const MEMBER_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;

/** A study group in a loopback server of its own, with a moderator and members added as the benchmark needs them. */
export interface StudyGroup {
  discord: LoopbackDiscord;
  guildId: string;
  channelId: string;
  modId: string;
  /** The first `count` members' ids, adding members to the guild if it has fewer. */
  members(count: number): string[];
}

async function studyGroup(): Promise<StudyGroup> {
  // Contract checks (zod over every request body) are off: they would cost the load generator's core, not the client's.
  const discord = await startLoopbackDiscord({ contract: 'off' });
  const nextId = idFactory();
  const mod = { id: nextId(), username: 'mod', roles: ['Moderator'] };
  const guild = discord.addGuild({
    name: 'Study group', channels: [{ name: 'study' }],
    roles: [{ name: 'Moderator', permissions: PermissionFlagsBits.ManageGuild | MEMBER_PERMISSIONS }],
    members: [mod], owner: 'mod', everyonePermissions: MEMBER_PERMISSIONS,
  });
  const ids: string[] = [];
  return {
    discord, guildId: guild.id, channelId: guild.channels.study!, modId: mod.id,
    members(count) {
      if (ids.length < count) {
        const more = Array.from({ length: count - ids.length }, (_, i) => ({ id: nextId(), username: `member${ids.length + i}` }));
        ids.push(...discord.state.addMembers(guild.id, more));
      }
      return ids.slice(0, count);
    },
  };
}

export interface BotTarget extends Target {
  group: StudyGroup;
  space: Workspace;
  /** The daily post the bot's first tick made from the schedule written before start-up. */
  scheduled: APIMessage;
  spawnToCommandsRegisteredMs: number;
  /** A moderator runs /schedule post-now kind:daily; resolves with the new post, the newest in the channel. */
  freshPost(): Promise<APIMessage>;
  close(): void;
}

/**
 * The bot as npm start runs it, on a fresh database with a daily schedule whose slot fell due a minute ago, so its
 * first tick posts it (as test/faults/kill-during-post.test.ts does).
 */
export async function startBotTarget(): Promise<BotTarget> {
  const group = await studyGroup();
  const { discord, guildId, channelId, modId } = group;
  const space = workspace('answers');
  const seed = preparedDatabase(space.databasePath, false);
  seed.prepare(`INSERT INTO schedules (guild_id, kind, channel_id, local_time, weekday, timezone, updated_at, active_since)
    VALUES (?, 'daily', ?, ?, NULL, 'UTC', 0, 0)`).run(guildId, channelId, DateTime.utc().minus({ minutes: 1 }).toFormat('HH:mm'));
  seed.close();

  const bot = spawnBot(botEnv(discord, space.dir, space.databasePath, 'warn'), { probe: true });
  const registered = await orExit(bot, commandsRegistered(discord));
  const spawnToCommandsRegisteredMs = Math.round(performance.now() - bot.spawnedAt - (Date.now() - registered.at));
  const scheduled = await orExit(bot, until(() => newestDailyPost(discord, channelId), 'the scheduled daily post', 30_000));
  const db = reader(space.databasePath);
  const count = db.prepare("SELECT count(*) FROM answers WHERE source = 'daily' AND source_ref = ?").pluck();
  return {
    name: 'bot', discord, process: bot, group, space, scheduled, spawnToCommandsRegisteredMs,
    recorded: (message) => count.get(postRef(postIdOf(message))) as number,
    async freshPost() {
      const before = newestDailyPost(discord, channelId)?.id;
      const run = discord.slashCommand({ channelId, userId: modId, name: 'schedule', subcommand: 'post-now', options: { kind: 'daily' } });
      // The command's final answer comes after the post is recorded as sent: a click before that would be refused.
      const first = await orExit(bot, run.response);
      if (first.type === InteractionResponseType.DeferredChannelMessageWithSource) await orExit(bot, run.waitForEdit(1, 15_000));
      const fresh = () => {
        const newest = newestDailyPost(discord, channelId);
        return newest && newest.id !== before ? newest : undefined;
      };
      return orExit(bot, until(fresh, 'a new daily post after /schedule post-now', 5_000)).catch((error: Error) => {
        throw new Error(`${error.message}; the command answered: ${run.original()?.content ?? '(nothing)'}`);
      });
    },
    close: () => db.close(),
  };
}

/**
 * The noop client (bench/noop-bot.ts) on a loopback server of its own, with a copy of the bot's daily post in its
 * channel: the same embeds and buttons, so every click carries the same payload to both clients.
 */
export async function startNoopTarget(template: APIMessage): Promise<Target & { group: StudyGroup; post: APIMessage }> {
  const group = await studyGroup();
  const { discord, guildId, channelId } = group;
  const noop = spawnBot({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.restUrl }, { entry: 'bench/noop-bot.ts', probe: true });
  await orExit(noop, until(() => noop.lines.find((l) => l.msg === 'connected to Discord'), 'the noop client to connect', 30_000));
  const body = structuredClone({ content: template.content, embeds: template.embeds, components: template.components }) as MessageBody;
  const post = buildMessage({ id: idFactory(9)(), at: Date.now(), channelId, guildId, author: discord.botUser }, body);
  discord.state.messagesIn(channelId).push(post);
  return { name: 'noop', discord, process: noop, group, post };
}

/** The newest message in a channel with daily answer buttons (other messages, such as notices, do not count). */
export function newestDailyPost(discord: LoopbackDiscord, channelId: string): APIMessage | undefined {
  return discord.state.messagesIn(channelId).findLast((m) => isDailyPost(m));
}

/** A step clicks only the newest daily post in its channel, and only while its buttons are enabled. */
export function assertClickable(discord: LoopbackDiscord, message: APIMessage): void {
  const newest = newestDailyPost(discord, message.channel_id);
  if (newest?.id !== message.id) throw new Error(`Message ${message.id} is not the newest daily post in its channel (${newest?.id ?? 'none'} is): clicks would land on an older post`);
  if (hasDisabledButton(newest)) throw new Error(`Message ${message.id} has disabled buttons (its answer was revealed): a member could not click it`);
}
