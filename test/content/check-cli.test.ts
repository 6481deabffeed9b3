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
});
