import { MessageFlags, type APIMessage } from 'discord-api-types/v10';
import type { App } from '../app.js';
import type { InteractionHandle, LoopbackDiscord, RecordedRequest } from '../loopback/index.js';
import type { movableClock } from './clock.js';
import { PlaygroundInputError } from './server.js';
import { PERSONAS, SERVER } from './world.js';

export type PlaygroundEvent = 'message' | 'request' | 'clock' | 'state' | 'modal';

interface CommandInput {
  personaId: string;
  channelId: string;
  name: string;
  subcommandGroup?: string | undefined;
  subcommand?: string | undefined;
  options: Record<string, string | number | boolean>;
}

const KEPT_REQUESTS = 200;
/** REST calls after which the page should read the server again: roles, channels, threads, members' roles. */
const CHANGES_SERVER = /^(POST|PATCH|PUT|DELETE) \/(guilds\/:guild_id\/(roles|channels|members)|channels\/:channel_id(\/messages\/:message_id\/threads)?$)/;

const requestView = (r: RecordedRequest) => ({ at: r.at, method: r.method, route: r.route ?? r.path, status: r.status, violations: r.violations });

/**
 * What the page sees and does: Discord's state as the loopback server holds it, the bot's clock, and actions taken
 * as one of the personas (commands, autocomplete, clicks, uploads), plus moving time.
 */
export function createPlaygroundWorld(discord: LoopbackDiscord, clock: ReturnType<typeof movableClock>) {
  const listeners = new Set<(event: PlaygroundEvent, data: unknown) => void>();
  const emit = (event: PlaygroundEvent, data: unknown) => {
    for (const listener of listeners) listener(event, data);
  };
  const requests: ReturnType<typeof requestView>[] = [];
  const ephemeral = new Map<string, { personaId: string; message: APIMessage }>();
  let app: App | null = null;
  const personaIds = new Set<string>();

  const audience = (message: APIMessage) => ((message.flags ?? 0) & MessageFlags.Ephemeral ? (message.interaction_metadata?.user.id ?? null) : null);
  const persona = (id: string) => {
    if (!personaIds.has(id)) throw new PlaygroundInputError(`There is no persona ${id} here.`);
    return id;
  };
  const nextPost = () => {
    const rows = app?.services.schedules.show(SERVER.id) ?? [];
    const due = rows.filter((r) => r.nextPostAt !== null).sort((a, b) => a.nextPostAt! - b.nextPostAt!)[0];
    return due ? { kind: due.kind, channelId: due.channelId, at: due.nextPostAt! } : null;
  };
  const clockView = () => ({ now: clock.now(), offsetMs: clock.offsetMs(), nextPost: nextPost() });
  /** Forms the bot showed, by interaction, until the persona sends them. */
  const openForms = new Map<string, { handle: InteractionHandle; personaId: string }>();
  /** The bot answered with a form (a modal): the page shows it to the persona who asked. */
  const settle = (handle: InteractionHandle, personaId: string) =>
    handle.response.then((response) => {
      if (response.type !== 9) return;
      openForms.set(handle.id, { handle, personaId });
      emit('modal', { personaId, interactionId: handle.id, modal: handle.modal() });
    }, () => undefined);

  return {
    /** Called by the loopback server for every message change and every request. */
    hooks: {
      onMessage(kind: 'create' | 'update' | 'delete', message: APIMessage) {
        const personaId = audience(message);
        if (personaId) ephemeral.set(message.id, { personaId, message });
        emit('message', { kind, message, ephemeralFor: personaId });
      },
      onRequest(request: RecordedRequest) {
        const view = requestView(request);
        requests.push(view);
        if (requests.length > KEPT_REQUESTS) requests.shift();
        emit('request', view);
        if (request.status < 300 && request.route && CHANGES_SERVER.test(request.route)) emit('state', {});
        // A schedule may have changed (a command's answer, or the edit that finishes a deferred one): the page's
        // "next post" follows.
        if (request.route?.includes('/interactions/') || request.route?.includes('/webhooks/')) queueMicrotask(() => emit('clock', clockView()));
      },
    },
    attach(running: App) {
      app = running;
      for (const member of discord.state.guild(SERVER.id).members.values()) if (!member.user.bot) personaIds.add(member.user.id);
    },
    onEvent(listener: (event: PlaygroundEvent, data: unknown) => void) {
      listeners.add(listener);
    },

    snapshot() {
      const guild = discord.state.guild(SERVER.id);
      const channels = [...discord.state.channels.values()].filter((c) => c.guild_id === SERVER.id && c.type !== 4 && c.type !== 2);
      return {
        guild: { id: guild.id, name: guild.name },
        channels: channels.map((c) => ({ id: c.id, name: c.name, type: c.type, parentId: c.parent_id ?? null })),
        roles: [...guild.roles.values()].filter((r) => r.id !== guild.id).sort((a, b) => b.position - a.position)
          .map((r) => ({ id: r.id, name: r.name, color: r.color, position: r.position, mentionable: r.mentionable })),
        personas: [...guild.members.values()].filter((m) => !m.user.bot).map((m) => {
          const known = PERSONAS.find((p) => p.username === m.user.username);
          const displayName = m.nick ?? m.user.global_name ?? m.user.username;
          return { id: m.user.id, username: m.user.username, displayName, moderator: known?.moderator ?? false, color: known?.color ?? '#99aab5', initials: displayName.slice(0, 2).toUpperCase(), roles: m.roles };
        }),
        bot: { id: discord.botUser.id, username: discord.botUser.username },
        commands: discord.state.commandsFor(SERVER.id),
        clock: clockView(),
        messages: Object.fromEntries(channels.map((c) => [c.id, discord.state.messagesIn(c.id)])),
        ephemeral: [...ephemeral.values()],
        requests,
      };
    },

    async command(input: CommandInput) {
      try {
        const handle = discord.slashCommand({ ...input, userId: persona(input.personaId), guildId: SERVER.id });
        void settle(handle, input.personaId);
        return { ok: true, interactionId: handle.id };
      } catch (error) {
        throw new PlaygroundInputError(error instanceof Error ? error.message : String(error));
      }
    },

    async autocomplete(input: CommandInput & { focused: string }) {
      try {
        const handle = discord.autocomplete({ ...input, userId: persona(input.personaId), guildId: SERVER.id });
        const response = (await handle.response) as { data?: { choices?: { name: string; value: string | number }[] } };
        return { choices: response.data?.choices ?? [] };
      } catch (error) {
        throw new PlaygroundInputError(error instanceof Error ? error.message : String(error));
      }
    },

    async click(input: { personaId: string; channelId: string; messageId: string; customId: string }) {
      const message = discord.state.messagesIn(input.channelId).find((m) => m.id === input.messageId) ?? ephemeral.get(input.messageId)?.message;
      if (!message) throw new PlaygroundInputError('That message is gone.');
      try {
        const handle = discord.clickButton({ message, customId: input.customId, userId: persona(input.personaId) });
        void settle(handle, input.personaId);
        return { ok: true, interactionId: handle.id };
      } catch (error) {
        throw new PlaygroundInputError(error instanceof Error ? error.message : String(error));
      }
    },

    /** Sends a form the bot showed, as the persona it was shown to, with the values they typed. */
    submitForm(input: { personaId: string; interactionId: string; values: Record<string, string> }) {
      const form = openForms.get(input.interactionId);
      if (!form || form.personaId !== input.personaId) throw new PlaygroundInputError('That form is no longer open.');
      try {
        const handle = discord.submitModal({ handle: form.handle, userId: persona(input.personaId), values: input.values });
        openForms.delete(input.interactionId);
        void settle(handle, input.personaId);
        return { ok: true, interactionId: handle.id };
      } catch (error) {
        throw new PlaygroundInputError(error instanceof Error ? error.message : String(error));
      }
    },

    upload: (filename: string, bytes: Buffer) => ({ id: discord.upload(filename.replace(/[^\w.-]+/g, '_').slice(0, 100), bytes) }),

    /** Moves the clock (to just after the next post, or by `ms`) and runs the bot's tick, as cron would. */
    async time(input: { action: 'next-post' } | { action: 'advance'; ms: number }) {
      if (input.action === 'next-post') {
        const next = nextPost();
        if (!next) throw new PlaygroundInputError('Nothing is scheduled yet: set a schedule with /schedule daily or /setup start first.');
        clock.jumpTo(next.at + 1000);
      } else {
        clock.advance(input.ms);
      }
      await app?.services.scheduler.tick();
      const view = clockView();
      emit('clock', view);
      return view;
    },
  };
}

export type PlaygroundWorld = ReturnType<typeof createPlaygroundWorld>;
