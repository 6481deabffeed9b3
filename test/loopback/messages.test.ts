import type { TextChannel } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('channel messages on the loopback server', () => {
  let harness: Harness;
  let channelId = '';
  const channel = () => harness.client.channels.cache.get(channelId) as TextChannel;
  const posted = () => harness.discord.state.messagesIn(channelId);
  const start = async (options: Parameters<typeof startHarness>[1] = {}) => {
    harness = await startHarness((discord) => {
      channelId = discord.addGuild({ name: 'G' }).channels.general!;
    }, options);
  };
  afterEach(async () => {
    const violations = harness.discord.contractViolations;
    await harness.stop();
    expect(violations).toEqual([]);
  });

  it('a message sent twice with the same nonce and enforce_nonce creates one message', async () => {
    await start();
    const first = await channel().send({ content: 'Lesson 1 is out', nonce: 'slot-42', enforceNonce: true });
    const second = await channel().send({ content: 'Lesson 1 is out', nonce: 'slot-42', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(posted()).toHaveLength(1);
  });

  it('without enforce_nonce the same nonce posts twice', async () => {
    await start();
    await channel().send({ content: 'a', nonce: 'slot-42' });
    await channel().send({ content: 'a', nonce: 'slot-42' });
    expect(posted()).toHaveLength(2);
  });

  it('a 429 with retry-after is waited out by discord.js and the message is then posted once', async () => {
    await start();
    const fault = harness.discord.faults.add({ route: 'POST /channels/:id/messages', status: 429, retryAfter: 0.2 });
    const startedAt = Date.now();
    await channel().send('after the rate limit');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(200);
    expect(fault.hits).toHaveLength(1);
    const attempts = harness.discord.requests.filter((r) => r.route === 'POST /channels/:channel_id/messages');
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(attempts[0]!.response).toMatchObject({ retry_after: 0.2, global: false });
    expect(posted()).toHaveLength(1);
  });

  it('a 500 after Discord stored the message makes discord.js retry: with enforce_nonce it still posts once', async () => {
    await start();
    harness.discord.faults.add({ route: 'POST /channels/:id/messages', status: 500, when: 'after' });
    await channel().send({ content: 'once', nonce: 'slot-7', enforceNonce: true });
    expect(posted()).toHaveLength(1);
  });

  it('a 500 after Discord stored the message, without a nonce, double-posts', async () => {
    await start();
    harness.discord.faults.add({ route: 'POST /channels/:id/messages', status: 500, when: 'after' });
    await channel().send('twice');
    expect(posted().map((m) => m.content)).toEqual(['twice', 'twice']);
  });

  it('a response lost to a client timeout is retried; enforce_nonce keeps it to one message', async () => {
    await start({ client: { rest: { timeout: 150 } } });
    harness.discord.faults.add({ route: 'POST /channels/:id/messages', delayMs: 300, when: 'after' });
    await channel().send({ content: 'slow', nonce: 'slot-8', enforceNonce: true });
    // The timed-out first attempt is only recorded once its delayed response is written.
    let attempts = 0;
    await harness.discord.waitForRequest((r) => r.route === 'POST /channels/:channel_id/messages' && ++attempts === 2);
    expect(posted()).toHaveLength(1);
  });

  it('content over 2,000 characters is refused with 50035 and posts nothing', async () => {
    await start();
    await expect(channel().send('x'.repeat(2001))).rejects.toMatchObject({ code: 50035, status: 400 });
    const refused = harness.discord.requests.at(-1)!;
    expect(refused.response).toMatchObject({ errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
    expect(posted()).toEqual([]);
    // The contract check flags it too; clear it so the shared afterEach stays meaningful.
    expect(harness.discord.contractViolations.map((v) => v.kind)).toEqual(['limit']);
    refused.violations.length = 0;
  });

  it('the bot can fetch and edit its own message', async () => {
    await start();
    const message = await channel().send('draft');
    const edited = await message.edit('final');
    expect(edited.content).toBe('final');
    const fetched = await channel().messages.fetch({ message: message.id, force: true });
    expect(fetched.editedTimestamp).not.toBeNull();
    expect(posted()[0]?.content).toBe('final');
  });
});
