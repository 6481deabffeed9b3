import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';
import opentype, { type Font } from 'opentype.js';

/**
 * Our own family name, so a system font called "Inter" (or none at all) never changes how a card
 * looks: every picture draws with this name only.
 */
export const FONT_FAMILY = 'CohortInter';

const require = createRequire(import.meta.url);
const regularPath = require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf');
const boldPath = require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf');

let registered = false;

/** Registers the two Inter weights once per thread; the renderers call it before drawing. */
export function registerFonts(): void {
  if (registered) return;
  for (const path of [regularPath, boldPath]) {
    if (!GlobalFonts.registerFromPath(path, FONT_FAMILY)) throw new Error(`Could not register font ${path}`);
  }
  registered = true;
}

let coverage: Font | undefined;

/** The bold and regular cuts cover the same characters, so one parsed file answers for both. */
function coverageFont(): Font {
  if (!coverage) {
    const bytes = readFileSync(regularPath);
    coverage = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  return coverage;
}

function coversChar(char: string): boolean {
  return coverageFont().charToGlyphIndex(char) !== 0;
}

/** True when the font has a glyph for every character, so drawing `text` shows no empty boxes. */
export function fontCovers(text: string): boolean {
  for (const char of text) if (!coversChar(char)) return false;
  return true;
}

/** `text` with each character the font cannot draw replaced by '?'. */
export function coveredText(text: string): string {
  let out = '';
  for (const char of text) out += coversChar(char) ? char : '?';
  return out;
}

/**
 * The name to draw for a member: the display name when the font covers all of it, else the
 * username (Discord keeps those to [a-z0-9_.]), and only if even that fails, '?' for what is missing.
 */
export function drawableName(displayName: string, username: string): string {
  if (displayName.trim() !== '' && fontCovers(displayName)) return displayName;
  return coveredText(username);
}
