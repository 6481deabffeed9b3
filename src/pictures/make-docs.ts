/** npm run pictures: draws one example of each picture into docs/, from the sample data. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { renderPicture } from './render.js';
import { sampleContentStats, sampleLeaderboard, sampleProgress, sampleRoadmap, sampleWeeklyResults } from './samples.js';
import type { Picture } from './types.js';

const examples: [string, Picture][] = [
  ['progress-card.png', { kind: 'progress', data: sampleProgress }],
  ['roadmap.png', { kind: 'roadmap', data: sampleRoadmap }],
  ['leaderboard.png', { kind: 'leaderboard', data: sampleLeaderboard }],
  ['weekly-results.png', { kind: 'weekly-results', data: sampleWeeklyResults }],
  ['content-stats.png', { kind: 'content-stats', data: sampleContentStats }],
];

const docs = join(projectRoot, 'docs');
mkdirSync(docs, { recursive: true });
for (const [file, picture] of examples) {
  const png = renderPicture(picture);
  writeFileSync(join(docs, file), png);
  console.log(`docs/${file}  ${(png.length / 1024).toFixed(1)} KB`);
}
