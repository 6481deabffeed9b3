import { PNG } from 'pngjs';

/** A decoded picture, read the way a person looks at it: by the colour at a point. */
export interface Image {
  width: number;
  height: number;
  colourAt(x: number, y: number): [number, number, number, number];
  /** True when the pixel is opaque and within `tolerance` of `hex` on every channel. */
  is(x: number, y: number, hex: string, tolerance?: number): boolean;
}

export function decode(png: Buffer): Image {
  const image = PNG.sync.read(png);
  const colourAt = (x: number, y: number): [number, number, number, number] => {
    const i = (Math.round(y) * image.width + Math.round(x)) * 4;
    return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, image.data[i + 3]!];
  };
  return {
    width: image.width,
    height: image.height,
    colourAt,
    is(x, y, hex, tolerance = 10) {
      const [r, g, b, a] = colourAt(x, y);
      const [er, eg, eb] = rgb(hex);
      return a > 250 && Math.abs(r - er) <= tolerance && Math.abs(g - eg) <= tolerance && Math.abs(b - eb) <= tolerance;
    },
  };
}

export function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** How many pixels of row `y` between x0 and x1 have the colour. */
export function countInRow(image: Image, y: number, x0: number, x1: number, hex: string): number {
  let count = 0;
  for (let x = Math.round(x0); x < Math.round(x1); x++) if (image.is(x, y, hex)) count++;
  return count;
}

export function countInColumn(image: Image, x: number, y0: number, y1: number, hex: string): number {
  let count = 0;
  for (let y = Math.round(y0); y < Math.round(y1); y++) if (image.is(x, y, hex)) count++;
  return count;
}

/** Runs of consecutive pixels down column x that have one of the colours: [start, end, colour]. */
export function runsInColumn(image: Image, x: number, hexes: string[], minLength = 4): { start: number; end: number; colour: string }[] {
  const runs: { start: number; end: number; colour: string }[] = [];
  let current: { start: number; end: number; colour: string } | null = null;
  for (let y = 0; y < image.height; y++) {
    const colour = hexes.find((hex) => image.is(x, y, hex, 4));
    if (colour && current && current.colour === colour) {
      current.end = y + 1;
      continue;
    }
    if (current && current.end - current.start >= minLength) runs.push(current);
    current = colour ? { start: y, end: y + 1, colour } : null;
  }
  if (current && current.end - current.start >= minLength) runs.push(current);
  return runs;
}
