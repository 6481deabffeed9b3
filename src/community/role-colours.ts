/**
 * A colour per stage, from teal for the first to violet for the last: distinct in a member list and readable as
 * role names on Discord's dark and light themes (mid lightness, moderate saturation).
 */
export function stageRoleColour(index: number, count: number): number {
  const share = count <= 1 ? 0 : index / (count - 1);
  return hslToRgb(185 + share * 95, 0.6, 0.52);
}

function hslToRgb(hue: number, saturation: number, lightness: number): number {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const h = hue / 60;
  const x = chroma * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] = h < 1 ? [chroma, x, 0] : h < 2 ? [x, chroma, 0] : h < 3 ? [0, chroma, x] : h < 4 ? [0, x, chroma] : h < 5 ? [x, 0, chroma] : [chroma, 0, x];
  const m = lightness - chroma / 2;
  const byte = (v: number) => Math.round((v + m) * 255);
  return (byte(r) << 16) | (byte(g) << 8) | byte(b);
}
