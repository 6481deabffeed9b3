import type { FieldError } from './errors.js';

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const CHAT_INPUT = 1;
const SUBCOMMAND_TYPES = new Set([1, 2]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Rules Discord enforces on command definitions that the OpenAPI schemas leave out: lowercase names
 * matching the documented pattern, descriptions on chat-input commands, required options first,
 * and 8,000 characters per command in all.
 */
export function commandLimitErrors(command: unknown, at = ''): FieldError[] {
  if (!isObject(command)) return [];
  const errors: FieldError[] = [];
  const chatInput = (command.type ?? CHAT_INPUT) === CHAT_INPUT;
  checkNamed(command, chatInput, at, errors);
  const size = chatInput ? countChars(command) : 0;
  if (size > 8000) errors.push({ path: at || '_', code: 'APPLICATION_COMMAND_TOO_LARGE', message: 'Command exceeds maximum size (8000)' });
  return errors;
}

function checkNamed(node: Json, chatInput: boolean, at: string, errors: FieldError[]): void {
  const path = (key: string) => (at ? `${at}.${key}` : key);
  const name = str(node.name);
  if (!NAME.test(name) || (chatInput && name !== name.toLowerCase())) {
    errors.push({ path: path('name'), code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  }
  const description = str(node.description);
  if (chatInput && (description.length < 1 || description.length > 100)) {
    errors.push({ path: path('description'), code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  }
  if (!Array.isArray(node.options)) return;
  let optionalSeen = false;
  node.options.forEach((option, i) => {
    if (!isObject(option)) return;
    const optionPath = path(`options.${i}`);
    if (!SUBCOMMAND_TYPES.has(Number(option.type))) {
      if (option.required === true && optionalSeen) {
        errors.push({ path: optionPath, code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
      }
      if (option.required !== true) optionalSeen = true;
    }
    checkNamed(option, chatInput, optionPath, errors);
  });
}

function countChars(node: Json): number {
  let total = str(node.name).length + str(node.description).length;
  if (Array.isArray(node.choices)) {
    for (const choice of node.choices) if (isObject(choice)) total += str(choice.name).length + String(choice.value ?? '').length;
  }
  if (Array.isArray(node.options)) for (const option of node.options) if (isObject(option)) total += countChars(option);
  return total;
}
