import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackFromText } from '../../src/content/load-pack.js';
import { renderImportProblems } from '../../src/discord/render/content.js';
import { startPlayground, type Playground } from '../../src/playground/main.js';

/**
 * The playground page in real Chromium, driven as a person would: the composer's "/" picker and option fields,
 * the time buttons, the persona switcher and the answer buttons, with every assertion on what the page shows.
 */

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const DOCS_SCREENSHOT = fileURLToPath(new URL('../../docs/playground.png', import.meta.url));
const WAIT = 15_000;

interface Persona { id: string; username: string; displayName: string; moderator: boolean }

let playground: Playground;
let browser: Browser;
let page: Page;
let dir: string;
let databasePath: string;
let personas: Persona[];
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cohort-playground-page-'));
  databasePath = join(dir, 'playground.sqlite');
  mkdirSync(ARTIFACTS, { recursive: true });
  playground = await startPlayground({ port: 0, databasePath, fresh: true, quiet: true });
  personas = ((await (await fetch(new URL('/api/state', playground.url))).json()) as { personas: Persona[] }).personas;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(WAIT);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(playground.url);
  await page.getByTestId('channel-link').first().waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const persona = (username: string) => personas.find((p) => p.username === username)!;
const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const messages = () => page.getByTestId('message');
/** The message items whose embeds have this title. */
const withEmbedTitle = (title: string | RegExp) => messages().filter({ has: page.getByTestId('embed-title').filter({ hasText: title }) });
const ephemeral = () => page.locator('[data-testid=message][data-ephemeral=true]');

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible' });
  return locator;
}

async function openChannel(name: string) {
  await page.locator(`[data-testid=channel-link][data-name="${name}"]`).click();
  await expect.poll(() => page.getByTestId('channel-title').textContent()).toBe(name);
}

async function playAs(username: string) {
  await page.getByTestId('persona-select').selectOption(persona(username).id);
  await expect.poll(() => page.locator('[data-testid=member].me').getAttribute('data-persona')).toBe(persona(username).id);
}

/** Types "/" and the command into the composer and picks it from the popup, as a person would. */
async function pickCommand(command: string) {
  const input = page.getByTestId('composer-input');
  await input.click();
  await input.pressSequentially(`/${command.split(' ')[0]!.slice(0, 3)}`);
  await page.locator(`[data-testid=command-item][data-command="${command}"]`).click();
  await page.getByTestId('command-chip').filter({ hasText: `/${command}` }).waitFor();
}

const option = (name: string) => page.getByTestId(`option-input-${name}`);
const send = () => page.getByTestId('send').click();

/** The question of a daily post, from the bot's database, through the post id its buttons carry. */
function dailyQuestion(customId: string): { answer: number; explanation: string } {
  const postId = Number(/^v1:dq:(\d+):\d$/.exec(customId)![1]);
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const { question_key } = db.prepare('SELECT question_key FROM posts WHERE id = ?').get(postId) as { question_key: number };
    return db.prepare('SELECT answer, explanation FROM questions WHERE key = ?').get(question_key) as { answer: number; explanation: string };
  } finally {
    db.close();
  }
}

/** The README's picture: a member's private feedback under the daily quiz, with the request log open. */
async function docsScreenshot() {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.getByTestId('toggle-requests').click();
  await page.getByTestId('request').first().waitFor();
  await page.locator('#scroller').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.screenshot({ path: DOCS_SCREENSHOT });
  await page.getByTestId('toggle-requests').click();
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('the playground page', { timeout: 60_000 }, () => {
  it('shows the server: channels, members with the moderator marked, the bot, and the time control', async () => {
    await openChannel('study');
    expect(await page.getByTestId('guild-name').textContent()).toBe('Study Group');
    const names = await page.getByTestId('member').locator('.member-name').allTextContents();
    expect(names).toEqual(personas.map((p) => p.displayName));
    await visible(page.locator(`[data-testid=member][data-persona="${persona('morgan').id}"] .mod-badge`));
    expect(await page.getByTestId('bot-member').textContent()).toContain('BOT');
    // Nothing is scheduled yet, so there is no post to jump to.
    expect(await page.getByTestId('time-next').isDisabled()).toBe(true);
    expect(await page.locator('#time-next-wrap').getAttribute('title')).toMatch(/Nothing is scheduled yet/);
    // Plain text is refused with the hint.
    await page.getByTestId('composer-input').fill('hello');
    await page.getByTestId('composer-input').press('Enter');
    expect(await (await visible(page.getByTestId('composer-error'))).textContent()).toContain('Type / to use a command');
    await page.getByTestId('composer-input').fill('');
  });

  it('1. a moderator schedules the daily post through the composer, with the bot\'s timezone autocomplete, and sees the private confirmation', async () => {
    await playAs('morgan');
    // The popup lists what the bot registered, filtered as you type.
    await page.getByTestId('composer-input').click();
    await page.getByTestId('composer-input').pressSequentially('/sch');
    const listed = await page.getByTestId('command-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-command')));
    expect(listed).toContain('schedule daily');
    expect(listed.every((c) => c!.startsWith('schedule'))).toBe(true);
    await page.getByTestId('composer-input').fill('');

    await pickCommand('schedule daily');
    await option('channel').selectOption({ label: '# study' });
    await option('time').fill('09:00');
    await option('timezone').pressSequentially('Europe/Lon');
    await page.locator('[data-testid=autocomplete-item][data-value="Europe/London"]').click();
    expect(await option('timezone').inputValue()).toBe('Europe/London');
    await shot('01-schedule-daily-options');
    await send();

    const confirmation = await visible(ephemeral().filter({ hasText: 'Saved.' }));
    expect(await confirmation.getByTestId('ephemeral-note').textContent()).toContain('Only you can see this');
    expect(await confirmation.getByTestId('interaction-line').textContent()).toBe('Morgan used /schedule daily');
    await expect.poll(() => page.getByTestId('time-next').isEnabled()).toBe(true);
    await shot('01-schedule-daily-confirmed');
  });

  it('2. "Jump to next post" brings the daily concept card and quiz with answer buttons', async () => {
    await page.getByTestId('time-next').click();
    const post = await visible(withEmbedTitle(/^Day 1: /));
    await visible(post.getByTestId('embed-title').filter({ hasText: "Today's question" }));
    const buttons = post.getByTestId('component-button');
    expect(await buttons.allTextContents()).toEqual(expect.arrayContaining(['A', 'B']));
    expect(await buttons.first().isEnabled()).toBe(true);
    // The bot opens a discussion thread on the post: a link under it and an entry under #study.
    await visible(post.getByTestId('thread-link'));
    await shot('02-daily-post');
  });

  it('3. two members answer; each sees only their own private feedback', async () => {
    const post = withEmbedTitle(/^Day 1: /);
    const customIds = await post.getByTestId('component-button').evaluateAll((els) => els.map((e) => e.getAttribute('data-custom-id')!));
    const right = dailyQuestion(customIds[0]!).answer;
    const wrong = right === 0 ? 1 : 0;
    const feedback = (title: string) => ephemeral().filter({ has: page.getByTestId('embed-title').filter({ hasText: new RegExp(`^${title}$`) }) });

    await page.locator(`[data-testid=member][data-persona="${persona('ada').id}"]`).click(); // the member list switches persona too
    await expect.poll(() => page.getByTestId('persona-select').inputValue()).toBe(persona('ada').id);
    // Morgan's private confirmation is not Ada's to see.
    expect(await ephemeral().filter({ hasText: 'Saved.' }).count()).toBe(0);
    await post.locator(`[data-custom-id="${customIds[right]}"]`).click();
    await visible(feedback('Correct'));
    await shot('03-ada-correct');

    await playAs('bao');
    expect(await feedback('Correct').count()).toBe(0);
    await post.locator(`[data-custom-id="${customIds[wrong]}"]`).click();
    await visible(feedback('Incorrect'));
    expect(await feedback('Correct').count()).toBe(0);
    await docsScreenshot();
    await shot('03-bao-incorrect');

    await playAs('ada');
    await visible(feedback('Correct'));
    expect(await feedback('Incorrect').count()).toBe(0);

    // The thread link opens the post's thread; the sidebar lists it under #study.
    await post.getByTestId('thread-link').click();
    await expect.poll(() => page.locator('.thread-parent').textContent()).toBe('in #study');
    await visible(page.locator('[data-testid=channel-link].thread.active'));
    await openChannel('study');
  });

  it('4. "+1 day" reveals the answer in the previous post, edited in place, and the next daily post appears', async () => {
    const post = withEmbedTitle(/^Day 1: /);
    const id = await post.getAttribute('data-id');
    const customId = await post.getByTestId('component-button').first().getAttribute('data-custom-id');
    const { explanation } = dailyQuestion(customId!);
    await page.getByTestId('time-day').click();
    const revealed = page.locator(`[data-testid=message][data-id="${id}"]`);
    await visible(revealed.getByTestId('embed-title').filter({ hasText: /^Answer$/ }));
    await visible(revealed.getByTestId('edited'));
    const states = await Promise.all((await revealed.getByTestId('component-button').all()).map((button) => button.isDisabled()));
    expect(states.length).toBeGreaterThan(1);
    expect(states.every(Boolean)).toBe(true);
    // The answer embed: the explanation, and one pick each for the two options Ada and Bao chose.
    const answer = await revealed.getByTestId('embed-description').last().innerText();
    expect(answer).toContain(explanation);
    expect(answer.match(/ — 1$/gm)).toHaveLength(2);
    expect(await revealed.locator('.embed-footer').last().textContent()).toBe('2 members answered · closed');
    await visible(withEmbedTitle(/^Day 2: /));
    await shot('04-reveal-and-day-2');
  });

  it('5. a member practises with /quiz and sees their progress card', async () => {
    await playAs('chidi');
    await pickCommand('quiz');
    await send();
    const practice = await visible(ephemeral().filter({ has: page.getByTestId('embed-title').filter({ hasText: /question/i }) }).filter({ has: page.getByTestId('component-button') }));
    expect(await practice.last().getByTestId('interaction-line').textContent()).toBe('Chidi used /quiz');
    await practice.last().getByTestId('component-button').first().click();
    await visible(ephemeral().filter({ has: page.getByTestId('embed-title').filter({ hasText: /^(Correct|Incorrect)$/ }) }));
    await shot('05-quiz');

    await pickCommand('progress');
    await send();
    const card = await visible(ephemeral().filter({ hasText: 'used /progress' }).locator('img'));
    // The test has no DOM types: the image is read through the two properties it needs.
    type Img = { complete: boolean; naturalWidth: number };
    await page.waitForFunction((img) => (img as Img).complete && (img as Img).naturalWidth > 0, await card.first().elementHandle());
    expect(await card.first().evaluate((img) => (img as unknown as Img).naturalWidth)).toBeGreaterThan(100);
    await shot('05-progress');
  });

  it('6. a broken pack given to /content import shows the error list the bot sends', async () => {
    await playAs('morgan');
    const text = [
      'id: Bad Id', 'title: Broken', 'description: x', 'version: 1', 'stages:', '  - id: s', '    title: S', '    summary: s', '    topics:',
      '      - id: t', '        title: T', '        summary: t', '        keyPoints: [k]', '        questions:',
      '          - { id: q, prompt: p, options: [a, a], answer: 5, explanation: e, difficulty: 9 }',
    ].join('\n');
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, text);
    // What the bot replies in Discord, rendered by its own code from the same file.
    const loaded = loadPackFromText(text, 'broken.yaml');
    if (loaded.ok) throw new Error('the broken pack loaded');
    const expected = renderImportProblems('broken.yaml', loaded.problems).embeds![0]!;
    const lines = expected.description!.split('\n').filter((l) => l.startsWith('• ')).map((l) => l.replaceAll('`', ''));
    expect(lines.length).toBeGreaterThan(1);

    await pickCommand('content import');
    await option('file').setInputFiles(file);
    await send();
    const reply = await visible(ephemeral().filter({ has: page.getByTestId('embed-title').filter({ hasText: expected.title! }) }));
    const shown = (await reply.getByTestId('embed-description').innerText()).split('\n');
    for (const line of lines) expect(shown).toContain(line);
    await shot('07-content-import-problems');
  });

  it('7. a member suggests a question through the form the bot shows, and a moderator sees it in the review queue', async () => {
    await playAs('dana');
    await pickCommand('suggest');
    await option('topic').pressSequentially('What machine');
    await page.locator('[data-testid=autocomplete-item]').first().click();
    await send();
    const form = await visible(page.getByTestId('form'));
    await form.getByTestId('form-input-question').fill('What does an ML engineer hand over at the end of a project?');
    await form.getByTestId('form-input-right').fill('Working software that serves the model');
    await form.getByTestId('form-input-wrong').fill('A slide deck\nA spreadsheet of results');
    await form.getByTestId('form-input-explanation').fill('The role is judged by systems that run, of which the model is one part.');
    await shot('08-suggest-form');
    await form.getByTestId('form-submit').click();
    await visible(ephemeral().filter({ hasText: 'now waits for a moderator' }));

    await playAs('morgan');
    await pickCommand('content review');
    await send();
    const queue = await visible(ephemeral().filter({ hasText: 'What does an ML engineer hand over at the end of a project?' }));
    expect(await queue.last().getByTestId('component-button').allTextContents()).toEqual(['Approve', 'Reject', 'Edit', 'Skip']);
    // A deferred private answer replaces its "thinking" placeholder: none is left behind, for this persona or others.
    await expect.poll(() => page.getByText('cohort is thinking').count()).toBe(0);
    await shot('08-review-queue');
  });

  it('logs the bot\'s REST calls in the side panel, with no contract violation and no page error', async () => {
    await page.getByTestId('toggle-requests').click();
    await visible(page.getByTestId('request').filter({ hasText: '/channels/:channel_id/messages' }));
    expect(await page.getByTestId('violation').count()).toBe(0);
    await shot('08-requests');
    expect(pageErrors).toEqual([]);
  });
});
