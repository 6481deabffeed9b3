import { describeContentStats, renderContentStats } from './content-stats-image.js';
import { describeLeaderboard, renderLeaderboard } from './leaderboard-image.js';
import { describeProgressCard, renderProgressCard } from './progress-card.js';
import { describeRoadmap, renderRoadmap } from './roadmap-image.js';
import type { Picture } from './types.js';
import { describeWeeklyResults, renderWeeklyResults } from './weekly-results-image.js';

/** Draws a picture to PNG bytes, synchronously; the pool runs this off the main thread. */
export function renderPicture(picture: Picture): Buffer {
  switch (picture.kind) {
    case 'progress': return renderProgressCard(picture.data);
    case 'roadmap': return renderRoadmap(picture.data);
    case 'leaderboard': return renderLeaderboard(picture.data);
    case 'weekly-results': return renderWeeklyResults(picture.data);
    case 'content-stats': return renderContentStats(picture.data);
  }
  throw new Error(`Unknown picture kind: ${(picture as { kind: unknown }).kind}`);
}

/** Alt text that states what the picture shows, within Discord's 1024 characters. */
export function describePicture(picture: Picture): string {
  switch (picture.kind) {
    case 'progress': return describeProgressCard(picture.data);
    case 'roadmap': return describeRoadmap(picture.data);
    case 'leaderboard': return describeLeaderboard(picture.data);
    case 'weekly-results': return describeWeeklyResults(picture.data);
    case 'content-stats': return describeContentStats(picture.data);
  }
  throw new Error(`Unknown picture kind: ${(picture as { kind: unknown }).kind}`);
}
