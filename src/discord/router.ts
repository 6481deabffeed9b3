import { randomBytes } from 'node:crypto';
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type APIModalInteractionResponseCallbackData,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from 'discord.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import type { ComponentHandler, ComponentReply, GuildInteraction, ModalHandler, ModalReply, Reply, SlashCommand } from './command.js';
import { parseCustomId, parseModalId, type ComponentAction, type ModalAction } from './custom-id.js';
import type { Backlog } from './backlog.js';
import { checkedFiles, discordJsFiles } from './files.js';
import type { InteractionWebhooks } from './interaction-webhooks.js';
import { DISCORD, fit } from './render/limits.js';

const NOT_IN_SERVER = 'Cohort works inside a server: use its commands in your study group\'s server.';
const STALE_BUTTON = 'That button is no longer valid (it may be from an older version of this message). Use /quiz or /topic for a fresh one.';
/** A command still working after this long is acknowledged first, well inside Discord's 3 seconds. */
export const SLOW_WORK_MS = 1500;
const SLOW_BUTTONS = new Set<ComponentAction['kind']>(['setup-remove']);
/** Buttons that open a form: Discord shows one only as the first answer, so they are never acknowledged first. */
const FORM_BUTTONS = new Set<ComponentAction['kind']>([]);
const STALE_FORM = 'That form is no longer valid (it may be from an older version of Cohort). Open it again from the command or button.';
const FORM_TOO_LATE = 'I could not open that form in time. Please try again.';
const MODERATORS_ONLY = 'Only moderators can do that: it needs the **Manage Server** permission. Ask a moderator, or check your roles.';

export interface RouterDeps<A = ModalAction> {
  commands: readonly SlashCommand[];
  onButton: ComponentHandler;
  /** Submitted forms: who answers them and how their custom ids are read (default: the table in custom-id.ts). */
  modals?: { handle: ModalHandler<A>; parse?: (customId: string) => A | undefined };
  services: Services;
  logger: Logger;
  /** Says when the bot is behind, so interactions are acknowledged before their work (see backlog.ts). */
  backlog: Backlog;
  /** Edits and follow-ups after the first response. */
  webhooks: InteractionWebhooks;
  /** A command still working after this long is acknowledged first (default SLOW_WORK_MS). */
  slowWorkMs?: number;
}

/**
 * Where an interaction stands: acknowledged before its answer was ready (with an update that shows nothing, or a
 * private or public "thinking..." placeholder), answered, or expired (its acknowledgement came too late for Discord).
 */
type Stage = 'update' | 'private' | 'public' | 'answered' | 'expired';

/** Turns every interaction into exactly one response, and every failure into a message the member can act on. */
export function createInteractionRouter<A = ModalAction>({ commands, onButton, modals, services, logger, backlog, webhooks, slowWorkMs = SLOW_WORK_MS }: RouterDeps<A>) {
  const parseForm = modals?.parse ?? (parseModalId as (customId: string) => A | undefined);
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const stages = new WeakMap<Interaction, Stage>();

  async function handleCommand(interaction: ChatInputCommandInteraction, who: GuildInteraction) {
    const command = byName.get(interaction.commandName);
    if (!command) throw new UserError(`I don't know /${interaction.commandName} (any more). Try /help.`);
    if (command.moderatorOnly && !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) throw new UserError(MODERATORS_ONLY);
    if (command.opensModal) {
      const answer = await command.execute(interaction, services, who);
      return 'modal' in answer ? showModal(interaction, answer.modal) : send(interaction, answer);
    }
    // Most answers are private: when behind, acknowledge privately; send() moves a public answer if need be.
    const ephemeral = command.defer?.ephemeral ?? !command.publicReply;
    if (command.defer || backlog.behind(interaction.id)) {
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      stages.set(interaction, ephemeral ? 'private' : 'public');
    }
    await send(interaction, await withinAckWindow(interaction, ephemeral, async () => notAForm(command.data.name, await command.execute(interaction, services, who))));
    await tellOutcomes(interaction, who);
  }

  /** What became of the member's suggested questions, once, privately, after whatever command they used next. */
  async function tellOutcomes(interaction: ChatInputCommandInteraction, who: GuildInteraction) {
    if (stages.get(interaction) === 'expired') return;
    // The command itself is answered already: a notice that fails is logged, never turned into an error for it.
    try {
      const outcome = services.suggestions.outcomes(who.guildId, who.userId);
      if (outcome) await webhooks.followUp(interaction, { content: outcome, flags: MessageFlags.Ephemeral });
    } catch (error) {
      logger.warn({ guildId: who.guildId, userId: who.userId, err: error }, 'could not tell a member what became of their suggestions');
    }
  }

  function notAForm(name: string, answer: Reply | ModalReply): Reply {
    if ('modal' in answer) throw new Error(`/${name} answered with a form but is not marked opensModal`);
    return answer;
  }

  async function showModal(interaction: ChatInputCommandInteraction | ButtonInteraction, modal: APIModalInteractionResponseCallbackData): Promise<void> {
    if (stages.has(interaction)) throw new UserError(FORM_TOO_LATE);
    await interaction.showModal(modal);
    stages.set(interaction, 'answered');
  }

  /**
   * Work that turns out slow (a picture queued behind others, say) is acknowledged before Discord's 3 seconds run
   * out: if it has not finished within slowWorkMs, the reply is deferred while it goes on.
   */
  async function withinAckWindow(interaction: ChatInputCommandInteraction, ephemeral: boolean, work: () => Promise<Reply> | Reply): Promise<Reply> {
    if (stages.has(interaction)) return work();
    let deferring: Promise<void> | undefined;
    const timer = setTimeout(() => {
      deferring = interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}).then(
        () => void stages.set(interaction, ephemeral ? 'private' : 'public'),
        (error: unknown) => {
          stages.set(interaction, 'expired');
          logger.warn({ interactionId: interaction.id, err: error }, 'could not acknowledge a slow command in time');
        },
      );
    }, slowWorkMs);
    try {
      return await work();
    } finally {
      clearTimeout(timer);
      await deferring;
    }
  }

  async function handleButton(interaction: ButtonInteraction, who: GuildInteraction) {
    const action = parseCustomId(interaction.customId);
    if (!action) throw new UserError(STALE_BUTTON);
    // An update acknowledgement shows nothing and changes nothing; the answer then edits the message or follows up.
    // Some buttons start work that takes several requests to Discord: acknowledge those first, always.
    if (SLOW_BUTTONS.has(action.kind) || (!FORM_BUTTONS.has(action.kind) && backlog.behind(interaction.id))) {
      // Too late for Discord (past its 3 s) is still a click the member made: the answer is recorded all the same.
      const acknowledged = await interaction.deferUpdate().then(() => true, (error: unknown) => {
        logger.warn({ interactionId: interaction.id, guildId: who.guildId, userId: who.userId, err: error }, 'could not acknowledge a click in time; recording it anyway');
        return false;
      });
      stages.set(interaction, acknowledged ? 'update' : 'expired');
      // The work waits its turn behind the acknowledgements of clicks that are arriving now.
      await backlog.later();
    }
    const reply = await onButton(action, interaction, services, who);
    if (reply.mode === 'modal') return showModal(interaction, reply.modal);
    await answerComponent(interaction, reply);
  }

  async function handleModal(interaction: ModalSubmitInteraction, who: GuildInteraction) {
    if (!modals) throw new UserError(STALE_FORM);
    const action = parseForm(interaction.customId);
    if (action === undefined) throw new UserError(STALE_FORM);
    if (backlog.behind(interaction.id)) {
      // A form opened from a button can be acknowledged like the click; one opened from a command, like the command.
      const acknowledged = interaction.isFromMessage()
        ? await interaction.deferUpdate().then(() => 'update' as const, () => 'expired' as const)
        : await interaction.deferReply({ flags: MessageFlags.Ephemeral }).then(() => 'private' as const, () => 'expired' as const);
      stages.set(interaction, acknowledged);
      await backlog.later();
    }
    const reply = await modals.handle(action, interaction, services, who);
    if (reply.mode === 'update' && !interaction.isFromMessage()) throw new Error(`form ${interaction.customId} answered with an update, but no message opened it`);
    await answerComponent(interaction, reply);
  }

  /** A button's or a form's answer: a reply of its own, or (from a message) an update of that message. */
  async function answerComponent(interaction: ButtonInteraction | ModalSubmitInteraction, reply: ComponentReply) {
    if (stages.get(interaction) === 'expired') return;
    const body = { content: reply.content ?? '', embeds: reply.embeds ?? [], components: reply.components ?? [] };
    const stage = stages.get(interaction);
    if (reply.mode === 'reply') return send(interaction, reply);
    // An update replaces the message whole, its files too: with none given, a picture it had goes.
    const files = checkedFiles(reply.files);
    if (stage === 'update') await webhooks.editOriginal(interaction, body, files);
    else if (interaction.isMessageComponent() || interaction.isFromMessage()) await interaction.update({ ...body, files: discordJsFiles(files) });
    stages.set(interaction, 'answered');
  }

  async function handleAutocomplete(interaction: AutocompleteInteraction, who: GuildInteraction) {
    const command = byName.get(interaction.commandName);
    let choices = command?.autocomplete?.(interaction, services, who) ?? [];
    choices = choices.slice(0, DISCORD.autocompleteChoices).map((c) => ({ name: fit(c.name, DISCORD.choiceName), value: c.value }));
    await interaction.respond(choices);
  }

  /**
   * First answer, edit of a deferred answer, or a follow-up: whichever this interaction still allows, and always with
   * the visibility the answer asks for (a "thinking..." placeholder of the other visibility is replaced by a follow-up).
   */
  async function send(interaction: RepliableInteraction, reply: Reply): Promise<void> {
    const body = { content: reply.content === undefined ? undefined : fit(reply.content, DISCORD.content), embeds: reply.embeds ?? [], components: reply.components ?? [] };
    const flags = reply.ephemeral ? MessageFlags.Ephemeral : undefined;
    const files = checkedFiles(reply.files);
    const stage = stages.get(interaction);
    if (stage === 'expired') return; // Discord takes no response any more
    if (stage === undefined) {
      await interaction.reply({ ...body, flags, ...(files.length > 0 ? { files: discordJsFiles(files) } : {}) });
    } else if (stage === 'private' || stage === 'public') {
      if ((stage === 'private') === Boolean(reply.ephemeral)) {
        await webhooks.editOriginal(interaction, body, files);
      } else {
        await webhooks.deleteOriginal(interaction);
        await webhooks.followUp(interaction, { ...body, flags }, files);
      }
    } else {
      await webhooks.followUp(interaction, { ...body, flags }, files);
    }
    stages.set(interaction, 'answered');
  }

  return async function route(interaction: Interaction): Promise<void> {
    const context = {
      interactionId: interaction.id,
      guildId: interaction.guildId,
      shard: interaction.guild?.shardId, // whose socket carried it
      userId: interaction.user.id,
      command: 'commandName' in interaction ? interaction.commandName : undefined,
      customId: interaction.isButton() ? interaction.customId : undefined,
    };
    const leave = backlog.enter();
    try {
      if (!interaction.guildId) {
        if (interaction.isRepliable()) await send(interaction, { content: NOT_IN_SERVER, ephemeral: true });
        else if (interaction.isAutocomplete()) await interaction.respond([]);
        return;
      }
      const who = { guildId: interaction.guildId, userId: interaction.user.id };
      if (interaction.isChatInputCommand()) await handleCommand(interaction, who);
      else if (interaction.isAutocomplete()) await handleAutocomplete(interaction, who);
      else if (interaction.isButton()) await handleButton(interaction, who);
      else if (interaction.isModalSubmit()) await handleModal(interaction, who);
      else if (interaction.isRepliable()) await send(interaction, { content: STALE_BUTTON, ephemeral: true });
    } catch (error) {
      await fail(interaction, error, context);
    } finally {
      leave();
    }
  };

  async function fail(interaction: Interaction, error: unknown, context: Record<string, unknown>) {
    if (interaction.isAutocomplete()) {
      logger.error({ ...context, err: error }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => {});
      return;
    }
    if (!interaction.isRepliable()) return;
    let content: string;
    if (error instanceof UserError) {
      content = error.message;
      logger.info({ ...context, reason: error.message }, 'interaction refused');
    } else if (isOptionMismatch(error)) {
      // Options that do not match the command's definition: a stale or modified client, not a bug of ours.
      content = 'The options of that command were not what I expected (your Discord app may show an old version of it). Try typing the command again.';
      logger.warn({ ...context, reason: error.message }, 'interaction with malformed options');
    } else {
      const ref = randomBytes(4).toString('hex');
      content = `Something went wrong on our side (reference \`${ref}\`). Please try again; if it keeps happening, give a moderator that reference.`;
      logger.error({ ...context, ref, err: error }, 'interaction failed');
    }
    await send(interaction, { content, ephemeral: true }).catch((sendError: unknown) =>
      logger.error({ ...context, err: sendError }, 'could not tell the member about a failure'),
    );
  }
}

/** discord.js's own errors (DiscordjsTypeError and friends) carry a string code naming the problem. */
function isOptionMismatch(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('CommandInteractionOption');
}
