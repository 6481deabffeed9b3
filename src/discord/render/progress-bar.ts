/** A ten-cell text bar with the percentage, e.g. "`██████░░░░` 60%". */
export function progressBar(share: number, cells = 10): string {
  const clamped = Math.max(0, Math.min(1, share));
  const filled = Math.round(clamped * cells);
  return `\`${'█'.repeat(filled)}${'░'.repeat(cells - filled)}\` ${Math.round(clamped * 100)}%`;
}
