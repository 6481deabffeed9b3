import { z } from 'zod';

/**
 * Button custom ids carry everything a click needs, so buttons keep working after a restart. They are
 * versioned ("v1") so the format can change without misreading old buttons, parsed with zod, and never trusted:
 * the handler re-checks every claim (the question exists in this server's pack, the choice is in range).
 * Discord allows 1-100 characters.
 */
export const CUSTOM_ID_MAX = 100;
const VERSION = 'v1';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(60);
const key = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const choice = z.coerce.number().int().min(0).max(4);

const index = z.coerce.number().int().min(0).max(49);
/** Tells two showings of the same question on one message apart, so each showing takes one answer. */
const round = z.string().regex(/^[0-9a-z]{1,13}$/);

const schemas = {
  /** An answer to a daily quiz post: the post and the option. */
  dq: z.tuple([key, choice]).transform(([postId, option]) => ({ kind: 'daily-answer' as const, postId, choice: option })),
  /** "Start" on a weekly challenge post. */
  ws: z.tuple([key]).transform(([postId]) => ({ kind: 'weekly-start' as const, postId })),
  /** An answer inside a weekly challenge: the post, the question's place in the challenge, the option. */
  wa: z.tuple([key, index, choice]).transform(([postId, at, option]) => ({ kind: 'weekly-answer' as const, postId, index: at, choice: option })),
  /** A review answer: question key and the option picked. */
  ra: z.tuple([key, round, choice]).transform(([questionKey, showing, option]) => ({ kind: 'review-answer' as const, questionKey, round: showing, choice: option })),
  /** "Next review". */
  rn: z.tuple([]).transform(() => ({ kind: 'review-next' as const })),
  /** "Notify me": gives or takes away the server's ping role. */
  nt: z.tuple([]).transform(() => ({ kind: 'notify-toggle' as const })),
  /** A practice answer: question key and the option picked. */
  pa: z.tuple([key, round, choice]).transform(([questionKey, showing, option]) => ({ kind: 'practice-answer' as const, questionKey, round: showing, choice: option })),
  /** "Remove" under /setup remove's confirmation. */
  sr: z.tuple([]).transform(() => ({ kind: 'setup-remove' as const })),
  /** "Keep everything" under the same confirmation. */
  sk: z.tuple([]).transform(() => ({ kind: 'setup-keep' as const })),
  /** "Next question" / "Quiz me": the scope to draw from. */
  pn: z
    .union([z.tuple([z.enum(['a', 'm'])]), z.tuple([z.enum(['t', 's']), slug])])
    .transform((parts) => ({
      kind: 'practice-next' as const,
      scope: parts.length === 1
        ? { kind: parts[0] === 'a' ? ('all' as const) : ('missed' as const) }
        : { kind: parts[0] === 't' ? ('topic' as const) : ('stage' as const), id: parts[1] },
    })),
  /** "Practise the ones I missed" under /history: which questions is worked out again from the database. */
  hm: z.tuple([]).transform(() => ({ kind: 'history-missed' as const })),
  /** The review queue's buttons on a suggestion: approve, reject (asks why), edit (the form, filled in), skip. */
  qa: z.tuple([key]).transform(([id]) => ({ kind: 'suggestion-approve' as const, id })),
  qj: z.tuple([key]).transform(([id]) => ({ kind: 'suggestion-reject' as const, id })),
  qe: z.tuple([key]).transform(([id]) => ({ kind: 'suggestion-edit' as const, id })),
  qs: z.tuple([key]).transform(([id]) => ({ kind: 'suggestion-skip' as const, id })),
};

type Schemas = typeof schemas;
export type ComponentAction = z.output<Schemas[keyof Schemas]>;

/**
 * Forms (modals) have custom ids of their own, in the same format and never trusted either: the submit handler
 * re-checks every claim. None yet; a form's entry goes here, `tag: z.tuple([...]).transform(...)` as above.
 */
const modalSchemas = {
  /** A member's new question for a topic. */
  sg: z.tuple([slug]).transform(([topicId]) => ({ kind: 'suggest' as const, topicId })),
  /** A moderator's reason for rejecting a suggestion. */
  sx: z.tuple([key]).transform(([id]) => ({ kind: 'suggestion-reject-reason' as const, id })),
  /** A moderator's edit of a suggestion. */
  sd: z.tuple([key]).transform(([id]) => ({ kind: 'suggestion-edited' as const, id })),
} satisfies Record<string, z.ZodType<{ kind: string }, unknown>>;
type ModalSchemas = typeof modalSchemas;
export type ModalAction = z.output<ModalSchemas[keyof ModalSchemas]>;

/** Reads `v1:<tag>:<parts>` with the schema of its tag; anything else (unknown tag, wrong parts, too long) is undefined. */
export function parseVersionedId<T>(table: Record<string, z.ZodType<T, unknown>>, customId: string): T | undefined {
  if (customId.length > CUSTOM_ID_MAX) return undefined;
  const [version, tag, ...rest] = customId.split(':');
  if (version !== VERSION || !tag || !Object.hasOwn(table, tag)) return undefined;
  const parsed = table[tag]!.safeParse(rest);
  return parsed.success ? parsed.data : undefined;
}

export const parseCustomId = (customId: string): ComponentAction | undefined =>
  parseVersionedId<ComponentAction>(schemas, customId);

export const parseModalId = (customId: string): ModalAction | undefined =>
  parseVersionedId<ModalAction>(modalSchemas, customId);

function build(...parts: (string | number)[]): string {
  const id = [VERSION, ...parts].join(':');
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom id over ${CUSTOM_ID_MAX} characters: ${id}`);
  return id;
}

export const customIds = {
  reviewAnswer: (questionKey: number, showing: string, option: number) => build('ra', questionKey, showing, option),
  reviewNext: () => build('rn'),
  notifyToggle: () => build('nt'),
  dailyAnswer: (postId: number, option: number) => build('dq', postId, option),
  weeklyStart: (postId: number) => build('ws', postId),
  weeklyAnswer: (postId: number, at: number, option: number) => build('wa', postId, at, option),
  setupRemove: () => build('sr'),
  suggestionApprove: (id: number) => build('qa', id),
  suggestionReject: (id: number) => build('qj', id),
  suggestionEdit: (id: number) => build('qe', id),
  suggestionSkip: (id: number) => build('qs', id),
  suggestForm: (topicId: string) => build('sg', topicId),
  rejectForm: (id: number) => build('sx', id),
  editForm: (id: number) => build('sd', id),
  setupKeep: () => build('sk'),
  practiceAnswer: (questionKey: number, showing: string, option: number) => build('pa', questionKey, showing, option),
  practiceNext: (scope: { kind: 'all' | 'missed' } | { kind: 'topic' | 'stage'; id: string }) =>
    'id' in scope ? build('pn', scope.kind === 'topic' ? 't' : 's', scope.id) : build('pn', scope.kind === 'all' ? 'a' : 'm'),
  historyMissed: () => build('hm'),
};
