import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortInUseError, startPlayground, type Playground } from '../../src/playground/main.js';
import { SERVER } from '../../src/playground/world.js';

let playground: Playground;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cohort-playground-'));
  playground = await startPlayground({ port: 0, databasePath: join(dir, 'playground.sqlite'), fresh: true, quiet: true });
});
afterAll(async () => {
  await playground.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (path: string, body?: unknown) => {
  const response = await fetch(new URL(path, playground.url), body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** Listens to the feed (resolving once connected); `event` is the next server-sent event of this kind that matches. */
async function listen(kind: string, matches: (data: Record<string, unknown>) => boolean, timeoutMs = 5000) {
  const response = await fetch(new URL('/api/events', playground.url), { signal: AbortSignal.timeout(timeoutMs) });
  const reader = response.body!.getReader();
  let text = new TextDecoder().decode((await reader.read()).value); // ": connected"
  const event = (async () => {
    try {
      for (;;) {
        for (const frame of text.split('\n\n')) {
          const name = /^event: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (name === kind && data && matches(JSON.parse(data))) return JSON.parse(data) as Record<string, unknown>;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`the feed ended before a ${kind} event`);
        text += new TextDecoder().decode(value);
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  })();
  return { event };
}

describe('npm run playground, its API', () => {
  it('lists the server, the personas and the commands the bot registered', async () => {
    const { body } = await call('/api/state');
    expect((body.guild as { id: string }).id).toBe(SERVER.id);
    expect((body.personas as { username: string }[]).map((p) => p.username)).toEqual(['morgan', 'ada', 'bao', 'chidi', 'dana']);
    const names = (body.commands as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['quiz', 'progress', 'schedule', 'setup']));
    expect((body.clock as { nextPost: unknown }).nextPost).toBeNull();
  });

  it('says what is wrong with a bad request, and that nothing is scheduled yet', async () => {
    expect(await call('/api/time', { action: 'next-post' })).toEqual({ status: 400, body: { ok: false, error: 'Nothing is scheduled yet: set a schedule with /schedule daily or /setup start first.' } });
    const unknown = await call('/api/command', { personaId: 'nobody', channelId: SERVER.channels.study, name: 'quiz', options: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain('There is no persona nobody here.');
  });

  it('runs a command as a persona, shows its private reply only to them, and jumps to the post it scheduled', async () => {
    const { body: state } = await call('/api/state');
    const morgan = (state.personas as { id: string; username: string }[]).find((p) => p.username === 'morgan')!.id;
    const reply = (await listen('message', (d) => d.ephemeralFor === morgan && JSON.stringify(d.message).includes('Saved.'))).event;
    const ran = await call('/api/command', {
      personaId: morgan, channelId: SERVER.channels.study, name: 'schedule', subcommand: 'daily',
      options: { channel: SERVER.channels.study, time: '09:00', timezone: 'Europe/London' },
    });
    expect(ran.body.ok).toBe(true);
    expect((await reply).kind).toMatch(/create|update/);
    await expect.poll(async () => ((await call('/api/state')).body.clock as { nextPost: unknown }).nextPost, { timeout: 5000 }).not.toBeNull();

    const post = (await listen('message', (d) => d.ephemeralFor === null && JSON.stringify(d.message).includes('Day 1:'))).event;
    const moved = await call('/api/time', { action: 'next-post' });
    expect((moved.body.offsetMs as number)).toBeGreaterThan(0);
    expect(((await post).message as { channel_id: string }).channel_id).toBe(SERVER.channels.study);
  });

  it('a second playground on the same port is told so, with no stack trace', async () => {
    const port = Number(new URL(playground.url).port);
    const second = startPlayground({ port, databasePath: join(dir, 'second.sqlite'), fresh: true, quiet: true });
    await expect(second).rejects.toBeInstanceOf(PortInUseError);
    await expect(second).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use: is a playground already running? Stop it, or start this one on another port: npm run playground -- --port ${port + 1}`);
  });
});
