import {
  ApplicationCommandOptionType as T,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIInteractionDataResolved,
} from 'discord-api-types/v10';

export type OptionValue = string | number | boolean;

export interface OptionInput {
  subcommandGroup?: string | undefined;
  subcommand?: string | undefined;
  options?: Record<string, OptionValue> | undefined;
  /** Autocomplete only: the option the user is typing in. */
  focused?: string | undefined;
}

/** Adds the user, role or channel behind an option value to `resolved`; throws if it does not exist. */
export type Resolve = (type: T, id: string, resolved: APIInteractionDataResolved) => void;

/**
 * Builds interaction options from the *registered* definition, the way the Discord client does:
 * unknown options, missing required ones and values outside `choices` are refused, so a test cannot
 * send the bot something a real user never could.
 */
export function buildCommandOptions(
  command: APIApplicationCommand,
  input: OptionInput,
  resolve: Resolve,
): { options: APIApplicationCommandInteractionDataOption[]; resolved?: APIInteractionDataResolved } {
  const resolved: APIInteractionDataResolved = {};
  let definitions: readonly APIApplicationCommandOption[] = command.options ?? [];
  const path: Array<{ name: string; type: T.Subcommand | T.SubcommandGroup }> = [];
  for (const [name, type] of [[input.subcommandGroup, T.SubcommandGroup], [input.subcommand, T.Subcommand]] as const) {
    if (!name) continue;
    const found = definitions.find((o) => o.name === name && o.type === type);
    if (!found || !('options' in found)) throw new Error(`/${command.name} has no ${T[type]} "${name}"`);
    definitions = found.options ?? [];
    path.push({ name, type });
  }
  if (definitions.some((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup)) {
    throw new Error(`/${command.name} needs a subcommand${path.length ? ` under ${path.map((p) => p.name).join(' ')}` : ''}`);
  }
  const leaf = Object.entries(input.options ?? {}).map(([name, value]) => {
    const definition = definitions.find((o) => o.name === name);
    if (!definition) throw new Error(`/${command.name} has no option "${name}"`);
    return leafOption(command.name, definition, value, input.focused === name, resolve, resolved);
  });
  if (input.focused === undefined) {
    for (const definition of definitions) {
      if ('required' in definition && definition.required && !(definition.name in (input.options ?? {}))) {
        throw new Error(`/${command.name} requires option "${definition.name}"`);
      }
    }
  }
  let options = leaf;
  for (const step of [...path].reverse()) options = [{ name: step.name, type: step.type, options } as APIApplicationCommandInteractionDataOption];
  return Object.keys(resolved).length > 0 ? { options, resolved } : { options };
}

function leafOption(
  commandName: string,
  definition: APIApplicationCommandOption,
  value: OptionValue,
  focused: boolean,
  resolve: Resolve,
  resolved: APIInteractionDataResolved,
): APIApplicationCommandInteractionDataOption {
  const option = { name: definition.name, type: definition.type, value, ...(focused ? { focused: true } : {}) };
  if (focused) {
    if (!('autocomplete' in definition && definition.autocomplete)) throw new Error(`/${commandName} option "${definition.name}" has no autocomplete`);
    return option as APIApplicationCommandInteractionDataOption;
  }
  const wrong = (expected: string) => new Error(`/${commandName} option "${definition.name}" expects ${expected}, got ${JSON.stringify(value)}`);
  switch (definition.type) {
    case T.String:
      if (typeof value !== 'string') throw wrong('a string');
      break;
    case T.Integer:
      if (!Number.isInteger(value)) throw wrong('an integer');
      break;
    case T.Number:
      if (typeof value !== 'number') throw wrong('a number');
      break;
    case T.Boolean:
      if (typeof value !== 'boolean') throw wrong('a boolean');
      break;
    case T.Attachment:
    case T.User:
    case T.Role:
    case T.Channel:
    case T.Mentionable:
      if (typeof value !== 'string') throw wrong('an id');
      resolve(definition.type, value, resolved);
      break;
    default:
      throw new Error(`Option type ${T[definition.type]} is not supported by the loopback server`);
  }
  const choices = 'choices' in definition ? definition.choices : undefined;
  if (choices && choices.length > 0 && !choices.some((c) => c.value === value)) throw wrong(`one of its choices`);
  return option as APIApplicationCommandInteractionDataOption;
}
