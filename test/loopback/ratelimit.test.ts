import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackDiscord, type LoopbackDiscord } from '../../src/loopback/index.js';

describe('loopback rate limits', () => {
  let discord: LoopbackDiscord;
  afterEach(() => discord.close());
  const get = (path: string) => fetch(`${discord.restUrl}/v10${path}`, { headers: { authorization: `Bot ${discord.token}` } });

  it('a global bucket answers 429 with global: true and X-RateLimit-Global once the bot token used it up', async () => {
    let now = 1_000_000;
    discord = await startLoopbackDiscord({ now: () => now, rateLimit: { limit: 50, windowMs: 1000, global: { limit: 3, windowMs: 1000 } } });
    const statuses = [];
    for (const path of ['/users/@me', '/gateway/bot', '/users/@me']) statuses.push((await get(path)).status);
    expect(statuses).toEqual([200, 200, 200]);
    now += 400;
    const limited = await get('/gateway/bot');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('0.600');
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('global');
    expect(await limited.json()).toEqual({ message: 'You are being rate limited.', retry_after: 0.6, global: true, code: 0 });
    // Interaction webhooks take no bot token and are not counted (404 here: the token is unknown, not a 429).
    expect((await fetch(`${discord.restUrl}/v10/webhooks/${discord.applicationId}/unknown/messages/@original`)).status).toBe(404);
    now += 600;
    expect((await get('/users/@me')).status).toBe(200);
  });

  it('a route can have its own bucket, one per major parameter', async () => {
    const now = 1_000_000;
    discord = await startLoopbackDiscord({ now: () => now, rateLimit: { limit: 50, windowMs: 1000, routes: { 'GET /channels/:channel_id': { limit: 2, windowMs: 5000 } } } });
    const guild = discord.addGuild({ name: 'g', channels: [{ name: 'a' }, { name: 'b' }] });
    const a = guild.channels.a!;
    const first = await get(`/channels/${a}`);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-reset-after')).toBe('5.000');
    expect((await get(`/channels/${a}`)).status).toBe(200);
    const limited = await get(`/channels/${a}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-global')).toBeNull();
    expect(((await limited.json()) as { global: boolean }).global).toBe(false);
    expect((await get(`/channels/${guild.channels.b!}`)).status).toBe(200);
    expect((await get('/users/@me')).headers.get('x-ratelimit-limit')).toBe('50');
  });
});
