import {
  ApplicationCommandType,
  type APIApplicationCommand,
  type RESTGetAPIGatewayBotResult,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { commandLimitErrors } from '../command-limits.js';
import { json, type RouteDefinition, type RouteRequest, type Services } from '../context.js';
import { DiscordErrors, invalidFormBody } from '../errors.js';
import { apiApplication } from '../shapes.js';

export function applicationRoutes(services: Services): RouteDefinition[] {
  const { state } = services;
  const checkApp = (req: RouteRequest) => {
    if (req.params.application_id !== services.applicationId) throw DiscordErrors.missingAccess();
    if (req.params.guild_id) state.guild(req.params.guild_id);
  };
  return [
    {
      method: 'GET',
      pattern: '/gateway/bot',
      handle: () =>
        json({
          url: services.gatewayUrl(),
          shards: services.gateway.recommendedShards,
          session_start_limit: {
            total: 1000, remaining: Math.max(0, 1000 - services.gateway.identifies.length), reset_after: 86_400_000, max_concurrency: services.gateway.maxConcurrency,
          },
        } satisfies RESTGetAPIGatewayBotResult),
    },
    { method: 'GET', pattern: '/gateway', auth: false, handle: () => json({ url: services.gatewayUrl() }) },
    { method: 'GET', pattern: '/users/@me', handle: () => json(state.botUser) },
    { method: 'GET', pattern: '/users/:user_id', handle: (req) => json(state.user(req.params.user_id!)) },
    { method: 'GET', pattern: '/applications/@me', handle: () => json(apiApplication(services.applicationId, state.botUser)) },
    ...(['/applications/:application_id/commands', '/applications/:application_id/guilds/:guild_id/commands'] as const).flatMap(
      (pattern): RouteDefinition[] => [
        {
          method: 'GET',
          pattern,
          handle: (req) => {
            checkApp(req);
            return json(state.commandsFor(req.params.guild_id));
          },
        },
        {
          method: 'PUT',
          pattern,
          handle: (req) => {
            checkApp(req);
            const stored = overwriteCommands(services, req.body, req.params.guild_id);
            if (req.params.guild_id) state.guildCommands.set(req.params.guild_id, stored);
            else state.globalCommands = stored;
            return json(stored);
          },
        },
      ],
    ),
  ];
}

/** Bulk overwrite keeps the id of a command whose name and type are unchanged, as Discord does. */
function overwriteCommands(services: Services, body: unknown, guildId: string | undefined): APIApplicationCommand[] {
  if (!Array.isArray(body)) throw invalidFormBody([{ path: '_', code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]);
  const list = body as RESTPutAPIApplicationCommandsJSONBody;
  const errors = list.flatMap((command, i) => commandLimitErrors(command, String(i)));
  const keys = list.map((c) => `${c.type ?? ApplicationCommandType.ChatInput}:${c.name}`);
  keys.forEach((key, i) => {
    if (keys.indexOf(key) !== i) errors.push({ path: `${i}.name`, code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: 'Application command names must be unique' });
  });
  if (errors.length > 0) throw invalidFormBody(errors);
  const previous = services.state.commandsFor(guildId);
  return list.map((command) => {
    const type = command.type ?? ApplicationCommandType.ChatInput;
    const existing = previous.find((c) => c.name === command.name && c.type === type);
    const permissions = command.default_member_permissions;
    return {
      ...command,
      id: existing?.id ?? services.ids.next(),
      application_id: services.applicationId,
      type,
      description: 'description' in command ? (command.description ?? '') : '',
      default_member_permissions: permissions === undefined || permissions === null ? null : String(permissions),
      version: services.ids.next(),
      nsfw: command.nsfw ?? false,
      ...(guildId ? { guild_id: guildId } : {}),
    } as APIApplicationCommand;
  });
}
