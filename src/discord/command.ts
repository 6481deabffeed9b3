import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Choice } from '../content/search.js';
import type { Services } from '../services.js';
import type { ComponentAction } from './custom-id.js';
import type { MessageFile } from './files.js';

/** What a handler hands back; the router sends it, so every interaction is answered exactly once. */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Shown only to the member who asked. */
  ephemeral?: boolean;
  /**
   * Pictures sent with the answer (at most 10, 10 MiB together); an embed shows one with
   * `image: { url: 'attachment://<name>' }`. An answer that edits a message replaces its files with these.
   */
  files?: MessageFile[];
}

export interface GuildInteraction {
  guildId: string;
  userId: string;
}

export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Refused (with a reason) to members without Manage Server, whatever the server's overrides say. */
  moderatorOnly?: boolean;
  /** Deferred before running, for work that can take longer than Discord's 3 seconds (downloads, many REST calls). */
  defer?: { ephemeral: boolean };
  /** Its answer is for the whole channel (most are private to the member who asked). */
  publicReply?: boolean;
  execute(interaction: ChatInputCommandInteraction, services: Services, who: GuildInteraction): Promise<Reply> | Reply;
  autocomplete?(interaction: AutocompleteInteraction, services: Services, who: GuildInteraction): Choice[];
}

/** A button's answer: replace the message it sits on, or reply with a new (usually private) message. */
export type ComponentReply = ({ mode: 'update' } & Reply) | ({ mode: 'reply' } & Reply);

export type ComponentHandler = (
  action: ComponentAction,
  interaction: ButtonInteraction,
  services: Services,
  who: GuildInteraction,
) => Promise<ComponentReply> | ComponentReply;
