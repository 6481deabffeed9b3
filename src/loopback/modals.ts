import { ComponentType, type APIModalInteractionResponseCallbackData, type APIModalSubmitInteraction } from 'discord-api-types/v10';
import type { FieldError } from './errors.js';

/** Discord's modal limits the published schema leaves out: at most 5 top-level components, one text input per row. */
export const MODAL_LIMITS = { components: 5, inputsPerRow: 1 } as const;

/** One text input of a modal, where it sits, and the rules the Discord client applies before submitting. */
export interface ModalTextInput {
  customId: string;
  label: string;
  style: number;
  minLength: number | undefined;
  maxLength: number | undefined;
  required: boolean;
  value: string | undefined;
  /** A label component (type 18) wraps it; otherwise an action row (type 1) holds it. */
  inLabel: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function modalLimitErrors(data: unknown, prefix = 'data'): FieldError[] {
  if (!isObject(data) || !Array.isArray(data.components)) return [];
  const errors: FieldError[] = [];
  if (data.components.length > MODAL_LIMITS.components) {
    errors.push({ path: `${prefix}.components`, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between 1 and ${MODAL_LIMITS.components} in length.` });
  }
  data.components.forEach((row, i) => {
    if (!isObject(row) || row.type !== ComponentType.ActionRow || !Array.isArray(row.components)) return;
    if (row.components.length !== MODAL_LIMITS.inputsPerRow || row.components.some((c) => !isObject(c) || c.type !== ComponentType.TextInput)) {
      errors.push({ path: `${prefix}.components.${i}.components`, code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message: 'An action row in a modal holds exactly one text input.' });
    }
  });
  return errors;
}

/** The text inputs of a modal as the bot sent it, in order. */
export function textInputsOf(modal: APIModalInteractionResponseCallbackData): ModalTextInput[] {
  return (modal.components as unknown[]).map((raw) => {
    const top = raw as Json;
    const inLabel = top.type === ComponentType.Label;
    const input = (inLabel ? top.component : (top.components as unknown[] | undefined)?.[0]) as Json | undefined;
    if (!input || input.type !== ComponentType.TextInput) throw new Error(`Modal "${modal.custom_id}": the loopback server supports only text inputs`);
    return {
      customId: String(input.custom_id),
      label: String(inLabel ? top.label : input.label),
      style: Number(input.style),
      minLength: typeof input.min_length === 'number' ? input.min_length : undefined,
      maxLength: typeof input.max_length === 'number' ? input.max_length : undefined,
      required: input.required !== false,
      value: typeof input.value === 'string' ? input.value : undefined,
      inLabel,
    };
  });
}

/**
 * What the member submits: the typed values, or what the bot pre-filled. Refuses what the Discord client would not
 * let through (a missing required field, too short or too long, a line break in a short input, an unknown field).
 */
export function submittedValues(modal: APIModalInteractionResponseCallbackData, values: Readonly<Record<string, string>>): Map<string, string> {
  const inputs = textInputsOf(modal);
  for (const key of Object.keys(values)) {
    if (!inputs.some((i) => i.customId === key)) throw new Error(`Modal "${modal.custom_id}" has no text input "${key}"`);
  }
  const submitted = new Map<string, string>();
  for (const input of inputs) {
    const value = values[input.customId] ?? input.value ?? '';
    const where = `Modal "${modal.custom_id}", "${input.label}"`;
    if (value === '' && input.required) throw new Error(`${where} is required; the Discord client will not submit it empty`);
    if (value !== '' && input.minLength !== undefined && value.length < input.minLength) throw new Error(`${where} needs at least ${input.minLength} characters`);
    if (input.maxLength !== undefined && value.length > input.maxLength) throw new Error(`${where} takes at most ${input.maxLength} characters`);
    if (input.style === 1 && value.includes('\n')) throw new Error(`${where} is a short input: it takes no line breaks`);
    submitted.set(input.customId, value);
  }
  return submitted;
}

/** The `data` of a MODAL_SUBMIT interaction as Discord builds it: each text input with its value, in the modal's layout. */
export function modalSubmitData(modal: APIModalInteractionResponseCallbackData, values: Map<string, string>): APIModalSubmitInteraction['data'] {
  let id = 0;
  const components = textInputsOf(modal).map((input) => {
    const container = ++id;
    const field = { type: ComponentType.TextInput, id: ++id, custom_id: input.customId, value: values.get(input.customId) ?? '' };
    return input.inLabel ? { type: ComponentType.Label, id: container, component: field } : { type: ComponentType.ActionRow, id: container, components: [field] };
  });
  return { custom_id: modal.custom_id, components } as unknown as APIModalSubmitInteraction['data'];
}
