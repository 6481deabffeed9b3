import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { InteractionHandle } from '../../src/loopback/index.js';
import { startBot, useBot, type Bot } from '../helpers/bot.js';
import { EPHEMERAL, attachmentBytes, attachmentsOf, buttonsOf, finalReply, replyOf, textOf, type ReplyData } from '../helpers/replies.js';

const root = new URL('../..', import.meta.url).pathname;
/** npm run content:check on a file, as a real process: its exit code and JSON report. */
function contentCheck(file: string): Promise<{ code: number; stdout: string }> {
  const command = ['--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href, join(root, 'src/content/check-cli.ts'), file];
  return new Promise((resolve) => execFile(process.execPath, command, { cwd: root }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout })));
}

const current = useBot();
let bot: Bot;
beforeEach(() => {
  bot = current();
});

const study = () => bot.guild.channels.study!;
const user = (name: 'mod' | 'alice' | 'bob') => bot.guild.users[name]!;
const TOPIC = 'mle-role-overview';

const form = (question: string, over: Record<string, string> = {}) => ({
  question, right: 'Software that serves a model in production', wrong: 'A slide deck\nA spreadsheet of results',
  explanation: 'The role is judged by working systems, of which the model is one part.', ...over,
});

/** /suggest, then the form filled in and sent: the bot's answer to the form. */
async function suggest(who: 'alice' | 'bob', values: Record<string, string>): Promise<ReplyData> {
  const run = bot.discord.slashCommand({ channelId: study(), userId: user(who), name: 'suggest', options: { topic: TOPIC } });
  expect((await run.response).type).toBe(9);
  expect(run.modal()!.components).toHaveLength(4);
  return replyOf(await bot.discord.submitModal({ handle: run, userId: user(who), values }).response);
}

async function openQueue(): Promise<InteractionHandle> {
  const handle = bot.discord.slashCommand({ channelId: study(), userId: user('mod'), name: 'content', subcommand: 'review' });
  await finalReply(handle);
  return handle;
}

const click = (handle: InteractionHandle, label: string, who: 'mod' | 'alice' = 'mod') => {
  const message = handle.original()!;
  const button = buttonsOf(message as unknown as ReplyData).find((b) => b.label === label)!;
  return bot.discord.clickButton({ message, customId: button.custom_id!, userId: user(who) });
};

describe('members write questions, moderators review them', () => {
  it('a suggestion breaking a rule names the field and gives the text back; a good one is approved, shows in /quiz, and its author hears once', async () => {
    const broken = await suggest('bob', form('What mostly decides whether an ML engineer did the job well?', { wrong: 'None of the above' }));
    expect(broken.flags).toBe(EPHEMERAL);
    expect(textOf(broken)).toContain('Not sent: the wrong answers needs a change');
    expect(textOf(broken)).toContain('must be real answers, not "all/none of the above"');
    expect(textOf(broken)).toContain('```\nNone of the above\n```');
    expect(textOf(broken)).toContain('What mostly decides whether an ML engineer did the job well?');

    const thanks = await suggest('alice', form('What mostly decides whether an ML engineer did the job well?'));
    expect(thanks.content).toContain('now waits for a moderator (1 in the queue)');
    await suggest('bob', form('Which of these is the main output of an ML engineer?'));

    // A member cannot open the queue; a moderator sees the oldest first.
    const refused = await finalReply(bot.discord.slashCommand({ channelId: study(), userId: user('alice'), name: 'content', subcommand: 'review', permissions: 0n }));
    expect(textOf(refused)).toContain('Only moderators can do that');
    const queue = await openQueue();
    expect(textOf(queue.original() as unknown as ReplyData)).toContain('What mostly decides whether an ML engineer did the job well?');
    expect(textOf(queue.original() as unknown as ReplyData)).toContain(`Suggested by <@${user('alice')}>`);

    const approved = click(queue, 'Approve');
    expect((await approved.response).type).toBe(7);
    expect(textOf(replyOf(await approved.response))).toContain('Which of these is the main output of an ML engineer?');

    // Bob's is rejected with a reason, through the form the Reject button opens.
    const reject = click(queue, 'Reject');
    expect((await reject.response).type).toBe(9);
    const reasoned = bot.discord.submitModal({ handle: reject, userId: user('mod'), values: { reason: 'Too close to the pack question on deliverables' } });
    expect(textOf(replyOf(await reasoned.response))).toContain('No suggestions are waiting for review.');

    // The approved question is in this server's bank: with the pack's topic questions all answered, /quiz on the topic comes to it.
    const key = bot.app.db.prepare("SELECT key FROM questions WHERE guild_id = ? AND prompt LIKE 'What mostly decides%'").pluck().get(bot.guild.id) as number;
    const packKeys = bot.app.db.prepare("SELECT key, answer FROM questions WHERE topic_id = ? AND guild_id IS NULL AND retired_at IS NULL").all(TOPIC) as { key: number; answer: number }[];
    for (const q of packKeys) bot.app.db.prepare(`INSERT INTO answers (guild_id, user_id, question_key, choice, correct, source, source_ref, answered_at)
      VALUES (?, ?, ?, ?, 1, 'practice', ?, 0)`).run(bot.guild.id, user('bob'), q.key, q.answer, `seed-${q.key}`);
    const quizRun = bot.discord.slashCommand({ channelId: study(), userId: user('bob'), name: 'quiz', options: { topic: TOPIC } });
    const quiz = await finalReply(quizRun);
    // Bob's next command after the review tells him, once, privately, why his was not taken.
    await expect.poll(() => quizRun.followUps.length).toBe(1);
    expect(quizRun.followUps[0]!.content).toContain('was not accepted: Too close to the pack question on deliverables');
    expect(quizRun.followUps[0]!.flags).toBe(EPHEMERAL);
    expect(textOf(quiz)).toContain('What mostly decides whether an ML engineer did the job well?');
    expect(textOf(quiz)).toContain(`Suggested by <@${user('alice')}>`);
    expect(bot.app.db.prepare('SELECT count(*) FROM questions WHERE key = ? AND guild_id = ?').pluck().get(key, bot.guild.id)).toBe(1);

    // Each author hears once, after their next command; Alice's progress counts her question and its XP.
    const next = bot.discord.slashCommand({ channelId: study(), userId: user('alice'), name: 'progress' });
    await finalReply(next);
    await expect.poll(() => next.followUps.length).toBe(1);
    expect(next.followUps[0]!.content).toContain('was approved (+50 XP)');
    expect(textOf(next.original() as unknown as ReplyData)).toMatch(/Questions contributed\n1/);
    const again = bot.discord.slashCommand({ channelId: study(), userId: user('alice'), name: 'help' });
    const bobs = bot.discord.slashCommand({ channelId: study(), userId: user('bob'), name: 'help' });
    await Promise.all([finalReply(again), finalReply(bobs)]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([again.followUps.length, bobs.followUps.length]).toEqual([0, 0]);
  });

  it('Edit opens the form filled in and checks the change; a tampered review button gets the usual refusal', async () => {
    await suggest('alice', form('What does an ML engineer hand over?'));
    const queue = await openQueue();
    const edit = click(queue, 'Edit');
    expect((await edit.response).type).toBe(9);
    expect(JSON.stringify(edit.modal())).toContain('What does an ML engineer hand over?');
    const edited = bot.discord.submitModal({ handle: edit, userId: user('mod'), values: form('What does an ML engineer usually hand over at the end?') });
    expect(textOf(replyOf(await edited.response))).toContain('What does an ML engineer usually hand over at the end?');

    const asMember = click(queue, 'Approve', 'alice');
    expect(textOf(replyOf(await asMember.response))).toContain('Only moderators can review suggestions');
    const tampered = await bot.discord.clickButton({ message: queue.original()!, customId: 'v1:qa:notanumber', userId: user('mod'), forged: true }).response;
    expect(textOf(replyOf(tampered))).toContain('That button is no longer valid');
  });

  it('/content export gives the pack with the approved question, credited; content:check accepts it and a fresh server imports the same questions', async () => {
    await suggest('alice', form('What mostly decides whether an ML engineer did the job well?'));
    const queue = await openQueue();
    await click(queue, 'Approve').response;
    const exported = bot.discord.slashCommand({ channelId: study(), userId: user('mod'), name: 'content', subcommand: 'export' });
    await finalReply(exported);
    const [file] = attachmentsOf(exported.original());
    expect(file!.filename).toMatch(/^ml-engineer-server-\d{8}\.yaml$/);
    const yaml = attachmentBytes(bot.discord, file!).toString('utf8');
    expect(yaml).toContain('What mostly decides whether an ML engineer did the job well?');
    expect(yaml).toContain(`# Suggested by alice (Discord user ${user('alice')})`);
    const prompts = (text: string) => [...text.matchAll(/^\s*prompt: (.+)$/gm)].map((m) => m[1]!).sort();

    const dir = mkdtempSync(join(tmpdir(), 'cohort-export-'));
    try {
      writeFileSync(join(dir, file!.filename), yaml);
      const checked = await contentCheck(join(dir, file!.filename));
      expect(checked.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // A server on another Cohort imports it: the same questions, the member's among them.
    const fresh = await startBot();
    try {
      const upload = fresh.discord.upload(file!.filename, yaml);
      const imported = await finalReply(fresh.discord.slashCommand({ channelId: fresh.guild.channels.study!, userId: fresh.guild.users.mod!, name: 'content', subcommand: 'import', options: { file: upload } }));
      const total = prompts(yaml).length;
      expect(textOf(imported)).toContain(`${total} question(s)`);
      const packId = file!.filename.replace(/\.yaml$/, '');
      const there = (fresh.app.db.prepare('SELECT prompt FROM questions WHERE pack_id = ? AND retired_at IS NULL').pluck().all(packId) as string[]).sort();
      expect(there).toHaveLength(total);
      expect(there).toContain('What mostly decides whether an ML engineer did the job well?');
      expect(fresh.discord.contractViolations).toEqual([]);
    } finally {
      await fresh.stop();
    }
  });
});
