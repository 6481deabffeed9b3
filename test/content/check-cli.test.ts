import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const fixture = (name: string) => join(root, 'test/fixtures/trivia', name);

/** npm run content:check as a real process: its JSON report on stdout and its exit code. */
function contentCheck(...args: string[]): Promise<{ code: number; reports: any[]; stderr: string }> {
  const command = ['--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href, join(root, 'src/content/check-cli.ts'), ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, command, { cwd: root }, (error, stdout, stderr) => {
      // Each report is one pretty-printed JSON object; they follow one another on stdout.
      const reports = stdout.split(/\n(?=\{)/).filter((chunk) => chunk.trim()).map((chunk) => JSON.parse(chunk));
      resolve({ code: error ? Number(error.code) : 0, reports, stderr });
    });
  });
}

describe('npm run content:check on a trivia list', () => {
  it('accepts it as /content import does: converted to a pack, then validated', async () => {
    const { code, reports } = await contentCheck(fixture('rivers.yaml'));
    expect(code).toBe(0);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ valid: true, errors: [], summary: { id: 'rivers', title: 'rivers', questions: 5 } });
  });

  it('exits 0 on a list with faulty entries, listing each one left out with its line and why, then the count', async () => {
    const file = fixture('solar-system-untidy.yaml');
    const { code, reports } = await contentCheck(file);
    expect(code).toBe(0);
    const [report] = reports;
    expect(report).toMatchObject({ valid: true, errors: [], summary: { questions: 7 }, imported: 'imported 7 of 14 questions' });
    expect(Object.keys(report).slice(-2)).toEqual(['leftOut', 'imported']);
    expect(report.leftOut).toHaveLength(9);
    expect(report.leftOut).toEqual(expect.arrayContaining([
      { file, path: 'line 12 "Which planet is closest to the Sun?"', message: 'is a duplicate key: the entry at line 5 is kept' },
      { file, path: 'line 14 "WHICH planet has the great red spot?"', message: 'repeats the prompt at line 7' },
      { file, path: 'line 1 AUTHOR', message: 'makes the pack description 1486 characters: it is cut to 1000' },
      { file, path: 'line 21 "Which dwarf planet lost its planet status in 2006?"', message: 'has no answer that can be a choice: answer 1 is too long: at most 200 characters' },
    ]));
  });
});
