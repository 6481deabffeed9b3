import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import type { GuildStore, ScheduleKind, ScheduleRow } from '../store/guild-store.js';
import { parseLocalTime, parseTimezone, parseWeekday } from './local-time.js';
import { nextSlot } from './slots.js';

export interface ScheduleInput {
  guildId: string;
  channelId: string;
  /** What the bot may do in that channel, as Discord computes it for the bot's member. */
  botCanPost: boolean;
  time: string;
  timezone: string;
  weekday?: string;
}

export interface ScheduleView extends ScheduleRow {
  nextPostAt: number | null;
}

/** The study schedule a server sets: validated, stored, shown. Posting is the scheduler's job. */
export function createScheduleService(guilds: GuildStore, clock: Clock) {
  const view = (row: ScheduleRow): ScheduleView => ({
    ...row,
    nextPostAt: row.paused ? null : nextSlot(row, clock.now()).dueAt,
  });

  return {
    set(kind: ScheduleKind, input: ScheduleInput): ScheduleView {
      const localTime = parseLocalTime(input.time);
      const timezone = parseTimezone(input.timezone);
      const weekday = kind === 'weekly' ? parseWeekday(input.weekday ?? '') : null;
      if (!input.botCanPost) {
        throw new UserError(
          `I can't post in <#${input.channelId}>: I need **View Channel**, **Send Messages** and **Embed Links** there. ` +
            'Give my role those permissions in the channel settings, or pick another channel.',
        );
      }
      guilds.upsertSchedule({ guildId: input.guildId, kind, channelId: input.channelId, localTime, weekday, timezone }, clock.now());
      return view(guilds.schedules(input.guildId).find((row) => row.kind === kind)!);
    },

    show: (guildId: string): ScheduleView[] => guilds.schedules(guildId).map(view),

    setPaused(guildId: string, paused: boolean): ScheduleView[] {
      if (guilds.setPaused(guildId, paused, clock.now()) === 0) {
        throw new UserError('There is no schedule yet. Set one with /schedule daily or /schedule weekly first.');
      }
      return guilds.schedules(guildId).map(view);
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
