import { describe, expect, it } from 'vitest';
import { loadPackFromPath } from '../../src/content/load-pack.js';
import { createCatalog } from '../../src/content/catalog.js';
import { createSuggestions, MAX_WAITING, SuggestionProblem, type SuggestionForm } from '../../src/community/suggestions.js';
import { syncPack } from '../../src/store/content-sync.js';
import { dailyChooser } from '../../src/schedule/post-content.js';
import { createSuggestionStore } from '../../src/store/suggestion-store.js';
import { progressWorld } from '../helpers/progress-world.js';
import { useTempDir } from '../helpers/temp-dir.js';

const mini = new URL('../fixtures/packs/mini', import.meta.url).pathname;

function world(dir: string) {
  const w = progressWorld(dir);
  const store = createSuggestionStore(w.db);
  const suggestions = createSuggestions({ store, catalog: createCatalog(w.content, w.guild), guild: w.guild, progress: w.progress, clock: w.clock });
  const topicId = w.content.topics('mini')[0]!.id;
  return { ...w, store, suggestions, topicId };
}

const form = (over: Partial<SuggestionForm> = {}): SuggestionForm => ({
  question: 'Which measure of spread is in the same units as the data?', right: 'The standard deviation',
  wrong: 'The variance\nThe mean', explanation: 'The variance is in squared units; its square root is not.', ...over,
});

describe('members\' suggested questions', () => {
  const tempDir = useTempDir();

  it('a broken rule names the field and why, and gives the text back', () => {
    const { suggestions, topicId } = world(tempDir());
    const problem = (over: Partial<SuggestionForm>) => {
      try {
        suggestions.submit('g', 'ada', topicId, form(over));
      } catch (error) {
        if (error instanceof SuggestionProblem) return error;
        throw error;
      }
      throw new Error('accepted');
    };
    expect(problem({ wrong: '' })).toMatchObject({ field: 'wrong answers', message: 'The wrong answers are missing: write one to three, one per line.' });
    expect(problem({ wrong: 'a\nb\nc\nd' }).field).toBe('wrong answers');
    expect(problem({ wrong: 'None of the above' }).message).toContain('must be real answers, not "all/none of the above"');
    expect(problem({ wrong: 'the standard  deviation' }).message).toContain('repeat an option');
    const long = problem({ question: 'x'.repeat(501) });
    expect(long.field).toBe('question');
    expect(long.form.question).toBe('x'.repeat(501));
  });

  it('refuses a prompt the server already has, and a sixth waiting suggestion', () => {
    const { suggestions, content, topicId } = world(tempDir());
    const packPrompt = content.question(content.liveQuestions('mini')[0]!.key)!.prompt;
    expect(() => suggestions.submit('g', 'ada', topicId, form({ question: packPrompt.toUpperCase() }))).toThrow(/already in this server's questions/);
    for (let i = 0; i < MAX_WAITING; i++) suggestions.submit('g', 'ada', topicId, form({ question: `Question number ${i}?` }));
    expect(() => suggestions.submit('g', 'ada', topicId, form({ question: 'One more?' }))).toThrow(`You already have ${MAX_WAITING} suggestions waiting`);
    // Another server may ask the same thing.
    expect(suggestions.submit('other', 'bo', topicId, form({ question: 'Question number 0?' })).status).toBe('waiting');
  });

  it('an approved question joins only that server\'s bank, survives a pack update, and the author hears once', () => {
    const { suggestions, content, store, progress, db, topicId } = world(tempDir());
    const s = suggestions.submit('g', 'ada', topicId, form());
    expect(suggestions.next('g')).toMatchObject({ suggestion: { id: s.id }, waiting: 1 });
    const { questionKey } = suggestions.approve('g', s.id, 'mod');
    const question = content.question(questionKey)!;
    expect(question).toMatchObject({ guildId: 'g', authorId: 'ada', prompt: form().question });
    expect(question.options[question.answer]).toBe('The standard deviation');
    expect(content.serverQuestions('mini').get('g')!.map((q) => q.key)).toEqual([questionKey]);
    expect(content.serverQuestions('mini').get('other')).toBeUndefined();
    expect(content.liveQuestions('mini').map((q) => q.key)).not.toContain(questionKey);
    expect(progress.stats('g', 'ada')!.xp).toBe(50);
    expect(suggestions.contributed('g', 'ada')).toBe(1);

    const loaded = loadPackFromPath(mini);
    if (!loaded.ok) throw new Error('fixture pack invalid');
    syncPack(db, { ...loaded, pack: { ...loaded.pack, version: loaded.pack.version + 1 } } as typeof loaded, { origin: 'bundled', now: 5 });
    expect(content.question(questionKey)!.retired).toBe(false);

    expect(suggestions.outcomes('g', 'ada')).toBe(`📬 Since you last asked: your question "${form().question}" was approved (+50 XP).`);
    expect(suggestions.outcomes('g', 'ada')).toBeNull();
    expect(() => suggestions.approve('g', s.id, 'mod')).toThrow(/already approved/);
    expect(store.byId(s.id)!.questionKey).toBe(questionKey);
  });

  it('a rejected one keeps its reason for the author; skip goes round; an edit is checked like a new one', () => {
    const { suggestions, topicId } = world(tempDir());
    const a = suggestions.submit('g', 'ada', topicId, form({ question: 'First?' }));
    const b = suggestions.submit('g', 'bo', topicId, form({ question: 'Second?' }));
    expect(suggestions.next('g', a.id).suggestion!.id).toBe(b.id);
    expect(suggestions.next('g', b.id).suggestion!.id).toBe(a.id);
    expect(() => suggestions.reject('g', a.id, 'mod', '  ')).toThrow('Give the author a reason');
    suggestions.reject('g', a.id, 'mod', 'Too easy to guess');
    expect(suggestions.outcomes('g', 'ada')).toBe('📬 Since you last asked: your question "First?" was not accepted: Too easy to guess.');
    expect(() => suggestions.edit('g', b.id, form({ question: 'Second?', wrong: '' }))).toThrow(SuggestionProblem);
    expect(suggestions.edit('g', b.id, form({ question: 'Second, clearer?' })).prompt).toBe('Second, clearer?');
    expect(() => suggestions.waiting('other', b.id)).toThrow('That suggestion is not in this server.');
  });

  it('daily posts come to a server\'s own question of a topic once the pack\'s have each been posted, in that server only', () => {
    const { suggestions, content, topicId } = world(tempDir());
    const { questionKey } = suggestions.approve('g', suggestions.submit('g', 'ada', topicId, form()).id, 'mod');
    const choose = dailyChooser(content);
    const plan = content.studyPlan('mini');
    const days = Array.from({ length: 12 }, (_, day) => day);
    const ours = days.map((day) => choose('mini', day, 'g')).filter((c) => c?.topicId === topicId).map((c) => c!.questionKey);
    const theirs = days.map((day) => choose('mini', day, 'other')).filter((c) => c?.topicId === topicId).map((c) => c!.questionKey);
    const packKeys = content.liveQuestions('mini').filter((q) => q.topicId === topicId).map((q) => q.key);
    expect(ours.slice(0, packKeys.length)).toEqual(packKeys);
    expect(ours[packKeys.length]).toBe(questionKey);
    expect(theirs).not.toContain(questionKey);
    expect(plan.length).toBeGreaterThan(0);
  });
});
