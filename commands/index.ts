import type { SlashCommand } from '../src/discord/command.js';
import { content } from './content.js';
import { help } from './help.js';
import { history } from './history.js';
import { leaderboard } from './leaderboard.js';
import { notify } from './notify.js';
import { progress } from './progress.js';
import { quiz } from './quiz.js';
import { review } from './review.js';
import { roadmap } from './roadmap.js';
import { roles } from './roles.js';
import { schedule } from './schedule.js';
import { setup } from './setup.js';
import { suggest } from './suggest.js';
import { topic } from './topic.js';

/** Every slash command, listed explicitly (no folder scanning). */
export const commands: readonly SlashCommand[] = [roadmap, topic, quiz, review, history, progress, leaderboard, help, notify, suggest, setup, schedule, roles, content];
