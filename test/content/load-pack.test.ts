import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadPackFromPath, loadPackFromText } from '../../src/content/load-pack.js';
import { useTempDir } from '../helpers/temp-dir.js';

const fixture = new URL('../fixtures/packs/mini', import.meta.url).pathname;

describe('loading a content pack', () => {
  const tempDir = useTempDir();

  /** Copies the valid mini pack and lets a test break one of its files. */
  function brokenPack(file: 'pack.yaml' | 'stages/advanced.yaml', mutate: (doc: any) => void): string {
    const dir = join(tempDir(), 'mini');
    cpSync(fixture, dir, { recursive: true });
    const path = join(dir, file);
    const doc = parse(readFileSync(path, 'utf8'));
    mutate(doc);
    writeFileSync(path, stringify(doc));
    return dir;
  }

  function problemsOf(dir: string) {
    const result = loadPackFromPath(dir);
    if (result.ok) throw new Error('expected the pack to be rejected');
    return result.problems.map((p) => ({ file: p.file.slice(p.file.indexOf('mini')), path: p.path, message: p.message }));
  }

  it('accepts a valid pack with one stage inline and one in its own file', () => {
    const result = loadPackFromPath(fixture);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.stages.map((s) => s.id)).toEqual(['basics', 'advanced']);
    expect(result.files.map((f) => f.split('mini/')[1])).toEqual(['pack.yaml', 'stages/advanced.yaml']);
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the file and path of an answer index out of range', () => {
    const dir = brokenPack('pack.yaml', (doc) => (doc.stages[0].topics[0].questions[1].answer = 2));
    expect(problemsOf(dir)).toEqual([
      { file: 'mini/pack.yaml', path: 'stages[0].topics[0].questions[1].answer', message: 'is 2 but there are only 2 options (the first is 0)' },
    ]);
  });

  it('attributes a problem inside a stage file to that file, with the path in the whole pack', () => {
    const dir = brokenPack('stages/advanced.yaml', (doc) => (doc.topics[0].questions[2].difficulty = 5));
    expect(problemsOf(dir)).toEqual([
      { file: 'mini/stages/advanced.yaml', path: 'stages[1].topics[0].questions[2].difficulty', message: 'must be 1, 2 or 3' },
    ]);
  });

  it('reports every shape error at once, not only the first', () => {
    const dir = brokenPack('pack.yaml', (doc) => {
      delete doc.stages[0].topics[0].title;
      doc.stages[0].topics[0].questions[0].options = ['only one'];
      doc.stages[0].id = 'Not A Slug';
      doc.stages[0].topics[0].keypoints = ['typo'];
    });
    const problems = problemsOf(dir);
    expect(problems.map((p) => p.path).sort()).toEqual([
      'stages[0].id',
      'stages[0].topics[0]',
      'stages[0].topics[0].questions[0].options',
      'stages[0].topics[0].title',
    ]);
    expect(problems.find((p) => p.path === 'stages[0].topics[0].title')?.message).toBe('is required');
    expect(problems.find((p) => p.path === 'stages[0].id')?.message).toMatch(/lowercase slug/);
    expect(problems.find((p) => p.path === 'stages[0].topics[0]')?.message).toMatch(/keypoints/);
  });

  it('rejects duplicate ids, duplicate options, duplicate prompts and catch-all options', () => {
    const dir = brokenPack('pack.yaml', (doc) => {
      const [first, second] = doc.stages[0].topics[0].questions;
      second.id = first.id;
      second.prompt = first.prompt.toUpperCase();
      first.options = ['2', '2 ', '100'];
      doc.stages[0].topics[0].questions.push({ ...first, id: 'averages-3', prompt: 'Another?', options: ['2', 'All of the above'] });
    });
    expect(problemsOf(dir)).toEqual([
      { file: 'mini/pack.yaml', path: 'stages[0].topics[0].questions[2].options[1]', message: 'must be a real answer, not "all/none/both of the above"' },
    ]);
    const fixed = brokenPack('pack.yaml', (doc) => {
      const [first, second] = doc.stages[0].topics[0].questions;
      second.id = first.id;
      second.prompt = first.prompt.toUpperCase();
      first.options = ['2', '2 ', '100'];
    });
    expect(problemsOf(fixed).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'stages[0].topics[0].questions[0].options[1]: repeats option 0',
      'stages[0].topics[0].questions[1].id: duplicates the id "averages-1" already used at stages[0].topics[0].questions[0].id',
      'stages[0].topics[0].questions[1].prompt: repeats the prompt at stages[0].topics[0].questions[0].prompt',
      'challenges[0].questions[1]: names unknown question "averages-2"',
    ]);
  });

  it('rejects a study plan or challenge naming something unknown, and a source outside the documents', () => {
    const dir = brokenPack('pack.yaml', (doc) => {
      doc.studyPlan.push('no-such-topic');
      doc.challenges[0].questions[4] = 'no-such-question';
      doc.stages[0].topics[0].sources[0].document = 'other.txt';
    });
    expect(problemsOf(dir).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'stages[0].topics[0].sources[0].document: "other.txt" is not one of the pack\'s documents (notes.txt)',
      'studyPlan[2]: names unknown topic "no-such-topic"',
      'challenges[0].questions[4]: names unknown question "no-such-question"',
    ]);
  });

  it('rejects text over its Discord-driven limit', () => {
    const dir = brokenPack('pack.yaml', (doc) => (doc.stages[0].topics[0].questions[0].options[2] = 'x'.repeat(201)));
    expect(problemsOf(dir)).toEqual([
      { file: 'mini/pack.yaml', path: 'stages[0].topics[0].questions[0].options[2]', message: 'is too long: at most 200 characters' },
    ]);
  });

  it('refuses a stage file outside the pack folder', () => {
    const dir = brokenPack('pack.yaml', (doc) => (doc.stages[1] = '../../../etc/passwd'));
    expect(problemsOf(dir)[0]?.message).toMatch(/must be a \.yaml, \.yml or \.json file inside the pack folder/);
  });

  it('gives a line number for a YAML syntax error', () => {
    const result = loadPackFromText('id: x\ntitle: [unclosed\n', 'upload.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ file: 'upload.yaml', path: expect.stringMatching(/^line \d+, column \d+$/) });
  });

  it('still refuses a key written twice in a pack (only a trivia list keeps the first)', () => {
    const result = loadPackFromText('id: twice\ntitle: First\ntitle: Second\nstages: []\n', 'pack.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ file: 'pack.yaml', path: 'line 3, column 1', message: expect.stringMatching(/Map keys must be unique/) }]);
  });

  it('refuses YAML whose aliases would explode in memory', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`);
    const result = loadPackFromText(bomb.join('\n'), 'bomb.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/cannot be read safely/);
  });

  it('asks for inline stages in an uploaded single file', () => {
    const result = loadPackFromText(readFileSync(join(fixture, 'pack.yaml'), 'utf8'), 'pack.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ file: 'pack.yaml', path: 'stages[1]', message: 'names a file, but an uploaded pack must hold its stages inline' }]);
  });

  it('warns about a declared document that no topic cites, and a missing study plan', () => {
    const dir = brokenPack('pack.yaml', (doc) => {
      doc.documents.push({ file: 'unused.txt', title: 'Never cited' });
      delete doc.studyPlan;
    });
    const result = loadPackFromPath(dir);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual(expect.arrayContaining([
        'documents[1]: "unused.txt" is never cited by a topic',
        'studyPlan: is missing: the daily posts need a study plan',
      ]));
    }
  });

  it('warns (without failing) when a topic has fewer questions than a curriculum needs', () => {
    const result = loadPackFromPath(fixture);
    expect(result.ok && result.warnings.map((w) => w.path)).toEqual(['stages[0].topics[0].questions', 'stages[1].topics[0].questions']);
  });
});
