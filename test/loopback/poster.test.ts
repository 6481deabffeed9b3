import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannelPoster } from '../../src/discord/poster.js';
import { attachmentsOf } from '../helpers/replies.js';
import { startHarness, type Harness } from './harness.js';

const card = PNG.sync.write(new PNG({ width: 4, height: 3 }));

describe('the channel poster sends the weekly results with an image', () => {
  let harness: Harness;
  let channelId: string;
  const results = { marker: 'results 2026-W48', title: 'Week 48', top: [], participants: 0, finished: 0, questionCount: 5, scores: [0, 0, 0, 0, 0, 0], hardest: null };
  beforeEach(async () => {
    harness = await startHarness((discord) => {
      channelId = discord.addGuild({ name: 'Study Group', channels: [{ name: 'announcements' }] }).channels.announcements!;
    });
  });
  afterEach(async () => {
    const violations = harness.discord.contractViolations;
    await harness.stop();
    expect(violations).toEqual([]);
  });

  it('as an attachment the embed shows, posted once per nonce even as an upload', async () => {
    const poster = createChannelPoster(harness.client);
    const image = { name: 'week-48.png', data: card, description: 'Bar chart of the scores' };
    const first = await poster.sendResults(channelId, results, 'results-48', image);
    expect(await poster.sendResults(channelId, results, 'results-48', image)).toBe(first);
    const [message, ...others] = harness.discord.state.messagesIn(channelId);
    expect(others).toEqual([]);
    const [attachment] = attachmentsOf(message);
    expect(attachment).toMatchObject({ filename: 'week-48.png', description: 'Bar chart of the scores', content_type: 'image/png', width: 4, height: 3 });
    expect(message!.embeds[0]).toMatchObject({ footer: { text: 'results 2026-W48' }, image: { url: attachment!.url } });
  });

  it('a 500 after Discord stored the upload makes discord.js send the form again: the nonce keeps it to one post', async () => {
    harness.discord.faults.add({ route: 'POST /channels/:id/messages', status: 500, when: 'after' });
    const poster = createChannelPoster(harness.client);
    await poster.sendResults(channelId, results, 'results-49', { name: 'week-49.png', data: card, description: 'Scores' });
    const attempts = harness.discord.requests.filter((r) => r.route === 'POST /channels/:channel_id/messages');
    expect(attempts.map((r) => [r.status, r.files.length])).toEqual([[500, 1], [200, 1]]);
    expect(harness.discord.state.messagesIn(channelId)).toHaveLength(1);
  });

  it('without an image, as before: plain JSON and no attachments', async () => {
    const poster = createChannelPoster(harness.client);
    await poster.sendResults(channelId, results, 'results-48');
    const [message] = harness.discord.state.messagesIn(channelId);
    expect(attachmentsOf(message)).toEqual([]);
    expect(message!.embeds[0]?.image).toBeUndefined();
    const post = harness.discord.requests.find((r) => r.method === 'POST' && r.route === 'POST /channels/:channel_id/messages');
    expect(post?.headers['content-type']).toBe('application/json');
  });
});
