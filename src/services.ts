import type { Clock } from './clock.js';
import type { PictureRenderer } from './pictures/index.js';
import type { ServerAdmin } from './community/server-admin.js';
import { createSetupService, type PingRoleSetting } from './community/setup.js';
import { createSuggestions } from './community/suggestions.js';
import { createChampions } from './community/champions.js';
import { createDailyThreads } from './community/daily-threads.js';
import { createNotifications } from './community/notifications.js';
import type { ThreadOpener } from './community/thread-opener.js';
import { createCatalog } from './content/catalog.js';
import { createContentAdmin, type FetchText } from './content/content-admin.js';
import { createQuestionStats } from './content/question-stats.js';
import { createGuildContext } from './guilds/guild-context.js';
import type { Logger } from './logger.js';
import { createCompletionAnnouncer } from './progress/announcer.js';
import { createProgressService } from './progress/progress-service.js';
import { createReviewService } from './progress/review.js';
import { createRoleAwarder } from './progress/role-awarder.js';
import type { RoleGranter } from './progress/role-granter.js';
import { createRoleSync } from './progress/role-sync.js';
import { createProgressTracker } from './progress/tracker.js';
import { createStageRoleService } from './progress/stage-roles.js';
import { createHistoryService } from './quiz/history.js';
import { createPracticeService } from './quiz/practice.js';
import type { ChannelPoster } from './schedule/channel-poster.js';
import { createScheduleService } from './schedule/schedule-service.js';
import { createScheduler } from './schedule/scheduler.js';
import { createScheduledQuiz } from './quiz/scheduled-quiz.js';
import { createAnswerStore } from './store/answer-store.js';
import { createChampionStore } from './store/champion-store.js';
import { createContentStore } from './store/content-store.js';
import type { Db } from './store/database.js';
import { createGuildStore } from './store/guild-store.js';
import { createHistoryStore } from './store/history-store.js';
import { createMetaStore } from './store/meta-store.js';
import { createPostStore } from './store/post-store.js';
import { createProgressStore } from './store/progress-store.js';
import { createSetupStore } from './store/setup-store.js';
import { createSuggestionStore } from './store/suggestion-store.js';

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  defaultPackId: string;
  fetchText: FetchText;
  poster: ChannelPoster;
  granter: RoleGranter;
  admin: ServerAdmin;
  /** Draws pictures off the event loop. */
  pictures: PictureRenderer;
  threadOpener: ThreadOpener;
  random?: () => number;
}

/** The plain context object handlers receive: built once, in order, with no global container. */
export function createServices({ db, clock, logger, defaultPackId, fetchText, poster, granter, admin, threadOpener, pictures, random = Math.random }: ServiceDeps) {
  const content = createContentStore(db);
  const answers = createAnswerStore(db);
  const guilds = createGuildStore(db);
  const guild = createGuildContext(guilds, clock, defaultPackId);
  const catalog = createCatalog(content, guild);
  const posts = createPostStore(db);
  const progress = createProgressStore(db);
  const awarder = createRoleAwarder(progress, granter, clock, logger);
  const dailyThreads = createDailyThreads({ guilds, guild, posts, content, opener: threadOpener, clock, logger });
  const tracker = createProgressTracker({
    db, answers, progress, content, guilds, guild, clock,
    onRolesQueued: (guildId) => void awarder.apply(guildId).catch((error: unknown) => logger.error({ guildId, err: error }, 'role awards failed')),
  });
  const schedules = createScheduleService(guilds, clock);
  const notifications = createNotifications({ guilds, guild, granter, clock });
  const pings: PingRoleSetting = { current: (guildId) => notifications.pingRole(guildId), set: (guildId, roleId) => notifications.setPingRole(guildId, roleId) };
  const history = createHistoryService(createHistoryStore(db), guilds);
  const champions = createChampions({ champions: createChampionStore(db), guilds, granter, poster, clock, logger });
  return {
    clock,
    logger,
    pictures,
    meta: createMetaStore(db),
    catalog,
    history,
    practice: createPracticeService({ content, answers, tracker, catalog, guild, random, missedDaily: (guildId, userId) => history.missedQuestionKeys(guildId, userId) }),
    review: createReviewService(progress, content, guild, clock),
    progress: createProgressService({ content, answers, progress, guilds, guild, clock }),
    awarder,
    roleSync: createRoleSync(tracker, awarder),
    announcer: createCompletionAnnouncer(guilds, guild, poster, logger),
    schedules,
    setup: createSetupService({ setup: createSetupStore(db), guilds, guild, content, schedules, pings, admin, clock, logger }),
    stageRoles: createStageRoleService(guilds, guild, catalog, progress, clock),
    suggestions: createSuggestions({ store: createSuggestionStore(db), catalog, guild, progress, clock }),
    questionStats: createQuestionStats({ content, answers, catalog, guild }),
    contentAdmin: createContentAdmin({ db, content, guilds, guild, clock, fetchText }),
    scheduledQuiz: createScheduledQuiz({ posts, content, answers, tracker, guilds, clock }),
    champions,
    dailyThreads,
    notifications,
    scheduler: createScheduler({
      guilds, guild, posts, content, answers, poster, threads: dailyThreads, pictures, clock, logger, steps: [{ name: 'champions', run: () => champions.settleDue() }],
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
