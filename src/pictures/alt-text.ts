/** Discord caps an attachment's description at 1024 characters. */
export const ALT_TEXT_LIMIT = 1024;

/** `text` cut to the limit at a character boundary, ending in an ellipsis when cut. */
export function limitAltText(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= ALT_TEXT_LIMIT && text.length <= ALT_TEXT_LIMIT) return text;
  let out = '';
  for (const char of chars) {
    if (out.length + char.length > ALT_TEXT_LIMIT - 1) break;
    out += char;
  }
  return `${out}…`;
}

export function altPercent(share: number): string {
  return `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%`;
}
