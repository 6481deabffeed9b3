import { exportPack } from './export-pack.js';
import type { Clock } from '../clock.js';
import { UserError, quote } from '../errors.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { Db } from '../store/database.js';
import type { ContentStore, PackRow } from '../store/content-store.js';
import { syncPack, type SyncReport } from '../store/content-sync.js';
import type { GuildStore } from '../store/guild-store.js';
import { loadPackFromText, type ContentProblem } from './load-pack.js';
import { MAX_PACK_FILE_BYTES } from './parse-file.js';
import { summarisePack, type PackSummary } from './summary.js';
import type { TriviaOutcome } from './trivia-import.js';

export interface Upload {
  name: string;
  url: string;
  size: number;
}

/** Fetches an uploaded file's text; injected so tests and proxies can supply their own. */
export type FetchText = (url: string, maxBytes: number) => Promise<string>;

export class InvalidUploadError extends UserError {
  constructor(readonly fileName: string, readonly problems: ContentProblem[]) {
    super(`${fileName} has ${problems.length} problem(s)`);
  }
}

export interface ImportResult {
  summary: PackSummary;
  report: SyncReport;
  activated: boolean;
  warnings: ContentProblem[];
  trivia?: TriviaOutcome;
}

const ACCEPTED = /\.(ya?ml|json)$/i;

export function createContentAdmin(deps: { db: Db; content: ContentStore; guilds: GuildStore; guild: GuildContext; clock: Clock; fetchText: FetchText }) {
  const { db, content, guilds, guild, clock, fetchText } = deps;
  const visibleTo = (guildId: string) => (pack: PackRow) => pack.origin === 'bundled' || pack.ownerGuildId === guildId;

  return {
    async importFile(guildId: string, upload: Upload, activate: boolean): Promise<ImportResult> {
      if (!ACCEPTED.test(upload.name)) throw new UserError(`${upload.name} is not a pack file: upload a .yaml, .yml or .json file.`);
      if (upload.size > MAX_PACK_FILE_BYTES) {
        throw new UserError(`${upload.name} is ${Math.ceil(upload.size / 1024)} KiB; a pack file may be at most ${MAX_PACK_FILE_BYTES / 1024} KiB.`);
      }
      const text = await fetchText(upload.url, MAX_PACK_FILE_BYTES);
      const loaded = loadPackFromText(text, upload.name);
      if (!loaded.ok) throw new InvalidUploadError(upload.name, loaded.problems);
      const existing = content.pack(loaded.pack.id);
      if (existing && (existing.origin === 'bundled' || existing.ownerGuildId !== guildId)) {
        throw new UserError(`A pack with the id "${loaded.pack.id}" already exists and belongs to ${existing.origin === 'bundled' ? 'Cohort' : 'another server'}. Give your pack a different id.`);
      }
      const report = syncPack(db, loaded, { origin: 'imported', ownerGuildId: guildId, now: clock.now() });
      if (activate) this.use(guildId, loaded.pack.id);
      return { summary: summarisePack(loaded.pack), report, activated: activate, warnings: loaded.warnings, trivia: loaded.trivia };
    },

    list(guildId: string): { packs: PackRow[]; activeId: string } {
      return { packs: content.packs().filter(visibleTo(guildId)), activeId: guild.packId(guildId) };
    },

    use(guildId: string, packId: string): PackRow {
      const pack = content.packs().filter(visibleTo(guildId)).find((p) => p.id === packId);
      if (!pack) throw new UserError(`There is no pack ${quote(packId)} here. /content list shows the packs this server can use.`);
      guild.settings(guildId);
      guilds.setPack(guildId, pack.id, clock.now());
      return pack;
    },

    /** The server's pack with its own questions, as a file; `names` are the authors' display names. */
    exportFile(guildId: string, names: ReadonlyMap<string, string>) {
      return exportPack(content, guildId, guild.packId(guildId), names);
    },

    /** Who wrote the server's own questions (to name them in an export). */
    authors: (guildId: string) => [...new Set((content.serverQuestions(guild.packId(guildId)).get(guildId) ?? []).map((q) => content.question(q.key)!.authorId!))],

    stats(guildId: string) {
      const packId = guild.packId(guildId);
      const counts = content.questionCounts(packId);
      return {
        pack: content.pack(packId)!,
        stages: content.stages(packId).length,
        topics: counts.length,
        questions: counts.reduce((n, c) => n + c.questions, 0),
        studyPlanDays: content.studyPlan(packId).length,
      };
    },
  };
}

export type ContentAdmin = ReturnType<typeof createContentAdmin>;

/** Downloads with a size cap and a timeout, so a large or stalled upload cannot hold the bot. */
export const fetchTextOverHttp: FetchText = async (url, maxBytes) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new UserError(`I could not download the file (HTTP ${response.status}). Upload it again.`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new UserError(`The file is larger than ${maxBytes / 1024} KiB.`);
  const body = await response.arrayBuffer();
  if (body.byteLength > maxBytes) throw new UserError(`The file is larger than ${maxBytes / 1024} KiB.`);
  return new TextDecoder('utf-8', { fatal: false }).decode(body);
};
