/**
 * Pictures: pure functions from plain data to a PNG, and a worker pool that draws them off the
 * event loop. Nothing here knows about Discord or the database.
 */
export type {
  ContentStatsData, LeaderboardData, LeaderboardRowData, Picture, ProgressCardData, RoadmapData, StageBar, WeeklyResultsData,
} from './types.js';
export { describePicture, renderPicture } from './render.js';
export { createPicturePool, type PicturePool } from './pool.js';
export { fontCovers } from './fonts.js';
export { PICTURE_WIDTH } from './theme.js';

/** Whatever draws pictures for the bot: the worker pool in production and tests alike. */
export interface PictureRenderer {
  render(picture: import('./types.js').Picture): Promise<Buffer>;
}
