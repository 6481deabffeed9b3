import type { FieldError } from './errors.js';

/**
 * Discord's documented message limits for bots. The published OpenAPI document is looser in places
 * (it allows 4,000 characters of content, the limit for Nitro users), so these are checked separately.
 */
export const MESSAGE_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  actionRows: 5,
  componentsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
} as const;

const IS_COMPONENTS_V2 = 1 << 15;
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function messageLimitErrors(body: unknown): FieldError[] {
  if (!isObject(body)) return [];
  const errors: FieldError[] = [];
  const tooLong = (path: string, max: number) => errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  if (text(body.content).length > MESSAGE_LIMITS.content) tooLong('content', MESSAGE_LIMITS.content);
  if (Array.isArray(body.embeds)) {
    if (body.embeds.length > MESSAGE_LIMITS.embeds) tooLong('embeds', MESSAGE_LIMITS.embeds);
    let total = 0;
    body.embeds.forEach((embed, i) => (total += embedErrors(embed, `embeds.${i}`, errors)));
    if (total > MESSAGE_LIMITS.embedTotal) {
      errors.push({ path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${MESSAGE_LIMITS.embedTotal}` });
    }
  }
  if (Array.isArray(body.components) && !((Number(body.flags) || 0) & IS_COMPONENTS_V2)) {
    componentErrors(body.components, errors);
  }
  return errors;
}

function embedErrors(embed: unknown, path: string, errors: FieldError[]): number {
  if (!isObject(embed)) return 0;
  const check = (value: unknown, max: number, at: string) => {
    const s = text(value);
    if (s.length > max) errors.push({ path: `${path}.${at}`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
    return s.length;
  };
  let size = check(embed.title, MESSAGE_LIMITS.embedTitle, 'title') + check(embed.description, MESSAGE_LIMITS.embedDescription, 'description');
  if (isObject(embed.footer)) size += check(embed.footer.text, MESSAGE_LIMITS.footerText, 'footer.text');
  if (isObject(embed.author)) size += check(embed.author.name, MESSAGE_LIMITS.authorName, 'author.name');
  if (Array.isArray(embed.fields)) {
    if (embed.fields.length > MESSAGE_LIMITS.embedFields) {
      errors.push({ path: `${path}.fields`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MESSAGE_LIMITS.embedFields} or fewer in length.` });
    }
    embed.fields.forEach((field, i) => {
      if (!isObject(field)) return;
      size += check(field.name, MESSAGE_LIMITS.fieldName, `fields.${i}.name`) + check(field.value, MESSAGE_LIMITS.fieldValue, `fields.${i}.value`);
    });
  }
  return size;
}

function componentErrors(rows: unknown[], errors: FieldError[]): void {
  if (rows.length > MESSAGE_LIMITS.actionRows) {
    errors.push({ path: 'components', code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MESSAGE_LIMITS.actionRows} or fewer in length.` });
  }
  const seen = new Set<string>();
  rows.forEach((row, r) => {
    if (!isObject(row) || !Array.isArray(row.components)) return;
    if (row.components.length > MESSAGE_LIMITS.componentsPerRow) {
      errors.push({ path: `components.${r}.components`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MESSAGE_LIMITS.componentsPerRow} or fewer in length.` });
    }
    row.components.forEach((component, c) => {
      if (!isObject(component)) return;
      const path = `components.${r}.components.${c}`;
      const customId = component.custom_id;
      if (typeof customId === 'string') {
        if (customId.length < 1 || customId.length > MESSAGE_LIMITS.customId) {
          errors.push({ path: `${path}.custom_id`, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between 1 and ${MESSAGE_LIMITS.customId} in length.` });
        }
        if (seen.has(customId)) errors.push({ path: `${path}.custom_id`, code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
        seen.add(customId);
      }
      if (text(component.label).length > MESSAGE_LIMITS.buttonLabel) {
        errors.push({ path: `${path}.label`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MESSAGE_LIMITS.buttonLabel} or fewer in length.` });
      }
      if (Array.isArray(component.options) && component.options.length > MESSAGE_LIMITS.selectOptions) {
        errors.push({ path: `${path}.options`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MESSAGE_LIMITS.selectOptions} or fewer in length.` });
      }
    });
  });
}

/** Discord refuses a message with nothing to show (50006). */
export function isEmptyMessage(body: unknown): boolean {
  if (!isObject(body)) return true;
  const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
  return !text(body.content) && !nonEmpty(body.embeds) && !nonEmpty(body.components) && !nonEmpty(body.attachments) &&
    !nonEmpty(body.sticker_ids) && !isObject(body.poll);
}
