import {
  ApplicationCommandOptionType as T,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIMessageComponentGuildInteraction,
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmitGuildInteraction,
} from 'discord-api-types/v10';
import { buildCommandOptions, type OptionValue, type Resolve } from './command-options.js';
import { modalSubmitData, submittedValues } from './modals.js';
import type { LoopbackState } from './state.js';

/** Who does something in Discord: a member, in a channel. `permissions` overrides the computed ones. */
export interface Actor {
  channelId: string;
  userId: string;
  permissions?: bigint | undefined;
  locale?: Locale | undefined;
}

export interface SlashCommandInput extends Actor {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
}

export interface AutocompleteInput extends SlashCommandInput {
  focused: string;
}

export interface ComponentInput extends Actor {
  message: APIMessage;
  customId: string;
  /** Select menus only. */
  values?: string[];
  /**
   * Sends the custom id even though the message has no such component, as a modified client could:
   * for testing that the bot re-checks what a custom id claims.
   */
  forged?: boolean;
}

export interface PayloadContext {
  state: LoopbackState;
  applicationId: string;
  id: string;
  token: string;
}

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/** Fields discord.js 14.28 reads on every interaction; leaving any out crashes its constructors. */
function base(ctx: PayloadContext, actor: Actor) {
  const { state } = ctx;
  const channel = state.channel(actor.channelId);
  const guildId = channel.guild_id!;
  const member = state.member(guildId, actor.userId);
  const permissions = actor.permissions ?? state.permissionsOf(guildId, actor.userId, channel.id);
  const locale = actor.locale ?? Locale.EnglishUS;
  return {
    id: ctx.id,
    application_id: ctx.applicationId,
    token: ctx.token,
    version: 1 as const,
    guild_id: guildId,
    guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
    guild_locale: Locale.EnglishUS,
    channel_id: channel.id,
    channel,
    member: { ...member, roles: [...member.roles], permissions: permissions.toString() },
    app_permissions: state.permissionsOf(guildId, state.botUser.id, channel.id).toString(),
    locale,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
}

export function slashCommandPayload(ctx: PayloadContext, input: SlashCommandInput): APIChatInputApplicationCommandGuildInteraction {
  const b = base(ctx, input);
  const command = findCommand(ctx.state, b.guild_id, input.name);
  const { options, resolved } = buildCommandOptions(command, input, resolver(ctx.state, b.guild_id));
  return {
    ...b,
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(resolved ? { resolved } : {}),
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    },
  };
}

export function autocompletePayload(ctx: PayloadContext, input: AutocompleteInput): APIApplicationCommandAutocompleteGuildInteraction {
  const b = base(ctx, input);
  const command = findCommand(ctx.state, b.guild_id, input.name);
  const { options } = buildCommandOptions(command, input, () => undefined);
  return {
    ...b,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    },
  };
}

export function componentPayload(ctx: PayloadContext, input: ComponentInput): APIMessageComponentGuildInteraction {
  const b = base(ctx, { ...input, channelId: input.message.channel_id });
  const component = input.forged
    ? { type: ComponentType.Button as const, disabled: false }
    : findComponent(input.message.components ?? [], input.customId);
  if (!component) throw new Error(`Message ${input.message.id} has no component with custom_id "${input.customId}"`);
  if (component.disabled) throw new Error(`Component "${input.customId}" is disabled; a user cannot use it`);
  const data =
    component.type === ComponentType.Button
      ? { custom_id: input.customId, component_type: ComponentType.Button as const }
      : { custom_id: input.customId, component_type: component.type, values: input.values ?? [] };
  if (component.type !== ComponentType.Button && component.type !== ComponentType.StringSelect) {
    throw new Error(`Component type ${ComponentType[component.type as ComponentType]} is not supported by the loopback server`);
  }
  return { ...b, type: InteractionType.MessageComponent, message: input.message, data } as APIMessageComponentGuildInteraction;
}

export interface ModalSubmitInput extends Actor {
  modal: APIModalInteractionResponseCallbackData;
  values: Readonly<Record<string, string>>;
  /** For a modal shown in answer to a component: the message that component sits on. */
  message?: APIMessage | undefined;
}

export function modalSubmitPayload(ctx: PayloadContext, input: ModalSubmitInput): APIModalSubmitGuildInteraction {
  const data = modalSubmitData(input.modal, submittedValues(input.modal, input.values));
  return { ...base(ctx, input), type: InteractionType.ModalSubmit, data, ...(input.message ? { message: input.message } : {}) } as APIModalSubmitGuildInteraction;
}

function findCommand(state: LoopbackState, guildId: string, name: string) {
  const command = [...state.commandsFor(guildId), ...state.commandsFor()].find(
    (c) => c.name === name && (c.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput,
  );
  if (!command) throw new Error(`/${name} is not registered globally or in guild ${guildId}; register commands first`);
  return command;
}

interface FoundComponent {
  type: number;
  custom_id?: string;
  disabled?: boolean;
}

function findComponent(components: readonly unknown[], customId: string): FoundComponent | undefined {
  for (const raw of components) {
    const c = raw as FoundComponent & { components?: unknown[]; accessory?: unknown };
    if (c.custom_id === customId) return c;
    const nested = findComponent([...(c.components ?? []), ...(c.accessory ? [c.accessory] : [])], customId);
    if (nested) return nested;
  }
  return undefined;
}

function resolver(state: LoopbackState, guildId: string): Resolve {
  return (type, id, resolved: APIInteractionDataResolved) => {
    const guild = state.guild(guildId);
    const addUser = () => {
      (resolved.users ??= {})[id] = state.user(id);
      const member = guild.members.get(id);
      if (member) {
        const { user: _user, deaf: _deaf, mute: _mute, ...rest } = member;
        (resolved.members ??= {})[id] = { ...rest, permissions: state.permissionsOf(guildId, id).toString() };
      }
    };
    const addRole = () => {
      const role = guild.roles.get(id);
      if (!role) throw new Error(`No role ${id} in guild ${guildId}`);
      (resolved.roles ??= {})[id] = role;
    };
    if (type === T.Attachment) {
      const upload = state.attachments.get(id);
      if (!upload) throw new Error(`No uploaded attachment ${id}: call upload() first`);
      (resolved.attachments ??= {})[id] = upload.attachment;
    } else if (type === T.User) addUser();
    else if (type === T.Role) addRole();
    else if (type === T.Mentionable) (guild.roles.has(id) ? addRole : addUser)();
    else if (type === T.Channel) {
      const channel = state.channel(id);
      (resolved.channels ??= {})[id] = { id, name: channel.name, type: channel.type, permissions: state.permissionsOf(guildId, state.botUser.id, id).toString() };
    }
  };
}
