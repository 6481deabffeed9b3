import type { Clock } from '../clock.js';

/** Real time plus an offset the playground moves forward, so a day passes in a click. Never goes back. */
export function movableClock(): Clock & { offsetMs(): number; advance(ms: number): void; jumpTo(at: number): void } {
  let offset = 0;
  const now = () => Date.now() + offset;
  return {
    now,
    offsetMs: () => offset,
    advance(ms) {
      if (ms > 0) offset += ms;
    },
    jumpTo(at) {
      if (at > now()) offset += at - now();
    },
  };
}
