// opentype.js ships no types; this declares only the part the pictures use.
declare module 'opentype.js' {
  export interface Font {
    /** 0 when the font has no glyph for the character. */
    charToGlyphIndex(char: string): number;
    hasChar(char: string): boolean;
  }
  const opentype: { parse(buffer: ArrayBuffer): Font };
  export default opentype;
}
