import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackDiscord, type LoopbackDiscord } from '../../src/loopback/index.js';

describe('loopback REST basics', () => {
  let discord: LoopbackDiscord;
  beforeEach(async () => {
    discord = await startLoopbackDiscord();
  });
  afterEach(() => discord.close());
  const get = (path: string, token: string | null = discord.token) =>
    fetch(`${discord.restUrl}/v10${path}`, { headers: token ? { authorization: `Bot ${token}` } : {} });

  it('an unknown route answers 404 with a JSON message naming it', async () => {
    const response = await get('/guilds/1/bans');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      code: 0,
      message: '404: Not Found (no route for GET /guilds/1/bans; Discord has GET /guilds/{guild_id}/bans, but the loopback server does not implement it)',
    });
    const invented = (await (await get('/no/such/thing')).json()) as { message: string };
    expect(invented.message).toContain('no route for GET /no/such/thing; Discord has no such route either');
  });

  it('requires the bot token except on interaction and webhook routes', async () => {
    expect((await get('/users/@me', null)).status).toBe(401);
    expect((await get('/users/@me', 'wrong')).status).toBe(401);
    expect(await (await get('/users/@me')).json()).toMatchObject({ id: discord.botUser.id, bot: true });
    expect((await get(`/webhooks/${discord.applicationId}/unknown-token/messages/@original`, null)).status).toBe(404);
  });

  it('sends rate-limit headers for per-route buckets', async () => {
    const response = await get('/gateway/bot');
    expect(response.headers.get('x-ratelimit-limit')).toBe('50');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('49');
    expect(response.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('answers a global 429 fault with retry-after and the JSON body discord.js reads', async () => {
    discord.faults.add({ route: 'GET /users/@me', status: 429, retryAfter: 1.5, global: true });
    const response = await get('/users/@me');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1.5');
    expect(response.headers.get('x-ratelimit-global')).toBe('true');
    expect(await response.json()).toEqual({ message: 'You are being rate limited.', retry_after: 1.5, global: true, code: 0 });
    expect((await get('/users/@me')).status).toBe(200);
  });
});
