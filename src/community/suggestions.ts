import type { Clock } from '../clock.js';
import type { Catalog } from '../content/catalog.js';
import { LIMITS } from '../content/limits.js';
import { CATCH_ALL_OPTION } from '../content/schema.js';
import { UserError } from '../errors.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { ProgressStore } from '../store/progress-store.js';
import type { Suggestion, SuggestionStore } from '../store/suggestion-store.js';

/** What a member typed in the suggestion form. */
export interface SuggestionForm {
  question: string;
  right: string;
  /** One wrong answer per line, one to three of them. */
  wrong: string;
  explanation: string;
}

export type FormField = 'question' | 'right answer' | 'wrong answers' | 'explanation';

/** A rule the form broke: which field, why, and the whole form back so nothing typed is lost. */
export class SuggestionProblem extends UserError {
  constructor(
    readonly field: FormField,
    readonly why: string,
    readonly form: SuggestionForm,
  ) {
    super(`The ${field} ${why}.`);
  }
}

export const MAX_WAITING = 5;
export const MAX_WRONG = 3;
/** XP for a question the moderators approved: as much as five right practice answers. */
export const APPROVAL_XP = 50;

const normalised = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

export interface SuggestionDeps {
  store: SuggestionStore;
  catalog: Catalog;
  guild: GuildContext;
  progress: ProgressStore;
  clock: Clock;
}

/** Members write questions; moderators approve (into the server's own bank), edit or reject them with a reason. */
export function createSuggestions({ store, catalog, guild, progress, clock }: SuggestionDeps) {
  /** The pack's rules for a question, and no repeat of a prompt the server already has. */
  function check(guildId: string, form: SuggestionForm, exceptId = 0) {
    const problem = (field: FormField, why: string) => new SuggestionProblem(field, why, form);
    const text = (field: FormField, value: string, max: number) => {
      const trimmed = value.trim();
      if (!trimmed) throw problem(field, 'is empty');
      if (trimmed.length > max) throw problem(field, `is ${trimmed.length} characters long; at most ${max} fit`);
      return trimmed;
    };
    const prompt = text('question', form.question, LIMITS.prompt);
    const right = text('right answer', form.right, LIMITS.option);
    const wrong = form.wrong.split('\n').map((line) => line.trim()).filter(Boolean);
    if (wrong.length === 0) throw problem('wrong answers', 'are missing: write one to three, one per line');
    if (wrong.length > MAX_WRONG) throw problem('wrong answers', `are ${wrong.length}; write at most ${MAX_WRONG}, one per line`);
    for (const option of wrong) text('wrong answers', option, LIMITS.option);
    const options = [right, ...wrong];
    const catchAll = options.find((o) => CATCH_ALL_OPTION.test(o));
    if (catchAll) throw problem(catchAll === right ? 'right answer' : 'wrong answers', `must be real answers, not "all/none of the above" ("${catchAll}")`);
    const seen = new Set<string>();
    for (const option of options) {
      if (seen.has(normalised(option))) throw problem(option === right ? 'right answer' : 'wrong answers', `repeat an option ("${option}"): each must differ`);
      seen.add(normalised(option));
    }
    const explanation = text('explanation', form.explanation, LIMITS.explanation);
    const packId = guild.packId(guildId);
    if (store.prompts(guildId, packId, exceptId).some((p) => normalised(p) === normalised(prompt))) {
      throw problem('question', 'is already in this server\'s questions or waiting for review: ask something else');
    }
    return { packId, prompt, options, explanation };
  }

  return {
    check,

    /** A member's suggestion, waiting for a moderator. */
    submit(guildId: string, authorId: string, topicText: string, form: SuggestionForm): Suggestion {
      const topic = catalog.findTopic(guildId, topicText);
      if (store.waitingFrom(guildId, authorId) >= MAX_WAITING) {
        throw new UserError(`You already have ${MAX_WAITING} suggestions waiting for a moderator. Once they are reviewed you can suggest more.`);
      }
      const checked = check(guildId, form);
      const id = store.add({ guildId, authorId, packId: checked.packId, topicId: topic.id, prompt: checked.prompt, options: checked.options, answer: 0, explanation: checked.explanation }, clock.now());
      return store.byId(id)!;
    },

    /** The oldest waiting suggestion after `afterId`, round to the start again; and how many wait. */
    next(guildId: string, afterId = 0): { suggestion: Suggestion | null; waiting: number } {
      const suggestion = store.firstWaiting(guildId, afterId) ?? (afterId > 0 ? store.firstWaiting(guildId, 0) : undefined) ?? null;
      return { suggestion, waiting: store.waitingCount(guildId) };
    },

    waiting(guildId: string, id: number): Suggestion {
      const suggestion = store.byId(id);
      if (!suggestion || suggestion.guildId !== guildId) throw new UserError('That suggestion is not in this server.');
      if (suggestion.status !== 'waiting') throw new UserError(`That suggestion was already ${suggestion.status}. Use /content review for the next one.`);
      return suggestion;
    },

    /** Joins the server's bank for its topic; the right answer lands at a place of its own, not always first. */
    approve(guildId: string, id: number, reviewerId: string): { suggestion: Suggestion; questionKey: number } {
      const suggestion = this.waiting(guildId, id);
      const [right, ...wrong] = suggestion.options;
      const answer = id % suggestion.options.length;
      const options = [...wrong];
      options.splice(answer, 0, right!);
      const questionKey = store.approve(id, reviewerId, clock.now(), { options, answer });
      if (questionKey === null) throw new UserError('That suggestion was reviewed meanwhile. Use /content review for the next one.');
      progress.addXp(guildId, suggestion.authorId, APPROVAL_XP, clock.now());
      return { suggestion: store.byId(id)!, questionKey };
    },

    reject(guildId: string, id: number, reviewerId: string, reason: string): Suggestion {
      this.waiting(guildId, id);
      const why = reason.trim();
      if (!why) throw new UserError('Give the author a reason, so they can do better next time.');
      if (!store.reject(id, reviewerId, why.slice(0, 500), clock.now())) throw new UserError('That suggestion was reviewed meanwhile.');
      return store.byId(id)!;
    },

    edit(guildId: string, id: number, form: SuggestionForm): Suggestion {
      this.waiting(guildId, id);
      const checked = check(guildId, form, id);
      store.edit(id, { prompt: checked.prompt, options: checked.options, answer: 0, explanation: checked.explanation });
      return store.byId(id)!;
    },

    /** What became of the member's suggestions since they last heard, told once. */
    outcomes(guildId: string, userId: string): string | null {
      const decided = store.untold(guildId, userId);
      if (decided.length === 0) return null;
      for (const s of decided) store.markTold(s.id, clock.now());
      const one = (s: Suggestion) => s.status === 'approved'
        ? `your question "${clip(s.prompt)}" was approved (+${APPROVAL_XP} XP)`
        : `your question "${clip(s.prompt)}" was not accepted: ${s.reason}`;
      return `📬 Since you last asked: ${decided.map(one).join('; ')}.`;
    },

    contributed: (guildId: string, userId: string) => store.approvedFrom(guildId, userId),
  };
}

const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export type Suggestions = ReturnType<typeof createSuggestions>;
