import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../src/config.js';

describe('configuration', () => {
  it('given only a token, fills in the defaults', () => {
    const result = parseConfig({ DISCORD_TOKEN: 'abc' });
    expect(result).toMatchObject({ ok: true, config: { discordToken: 'abc', logLevel: 'info', discordApiUrl: undefined } });
    if (result.ok) expect(result.config.databasePath).toMatch(/data[\\/]cohort\.sqlite$/);
  });

  it('given no token, names DISCORD_TOKEN and says how to fix it', () => {
    const result = parseConfig({});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('DISCORD_TOKEN is missing');
      expect(result.message).toContain('.env');
      expect(result.message).not.toContain('\n');
    }
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '' }).ok).toBe(false);
    expect(parseConfig({ DISCORD_TOKEN: 't', DEV_GUILD_ID: '' })).toMatchObject({ ok: true, config: { devGuildId: undefined } });
  });

  it('reports every invalid variable at once, each by name', () => {
    const result = parseConfig({ DISCORD_TOKEN: 't', DISCORD_API_URL: 'not a url', DEV_GUILD_ID: '12', LOG_LEVEL: 'loud' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/DISCORD_API_URL must be an http\(s\) URL/);
      expect(result.message).toMatch(/DEV_GUILD_ID must be a server id/);
      expect(result.message).toMatch(/LOG_LEVEL must be one of/);
    }
  });

  it('accepts a loopback API URL and strips a trailing slash', () => {
    const result = parseConfig({ DISCORD_TOKEN: 't', DISCORD_API_URL: 'http://127.0.0.1:4000/api/' });
    expect(result).toMatchObject({ ok: true, config: { discordApiUrl: 'http://127.0.0.1:4000/api' } });
  });

  it('reads .env from the working directory, with the real environment taking precedence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cohort-env-'));
    writeFileSync(join(dir, '.env'), 'DISCORD_TOKEN=from-file\nLOG_LEVEL=debug\nDATABASE_PATH=db/test.sqlite\n');
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'warn';
    try {
      const result = loadConfig(dir);
      expect(result).toMatchObject({ ok: true, config: { discordToken: 'from-file', logLevel: 'warn' } });
    } finally {
      if (previous === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previous;
    }
  });
  it('SHARD_COUNT is optional (Discord recommends the count) and, if set, a whole number of shards', () => {
    expect(parseConfig({ DISCORD_TOKEN: 't' })).toMatchObject({ ok: true, config: { shardCount: undefined, globalRequestsPerSecond: 50 } });
    expect(parseConfig({ DISCORD_TOKEN: 't', SHARD_COUNT: '12' })).toMatchObject({ ok: true, config: { shardCount: 12 } });
    for (const bad of ['0', '2.5', '-1', 'auto', '1e3', '5000']) {
      const result = parseConfig({ DISCORD_TOKEN: 't', SHARD_COUNT: bad });
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message).toContain('SHARD_COUNT must be a whole number of gateway shards from 1 to 4096 (about one per 1,000 servers); leave it unset');
    }
  });

  it('DISCORD_GLOBAL_RATE_LIMIT takes the limit Discord granted, as a whole number of requests a second', () => {
    expect(parseConfig({ DISCORD_TOKEN: 't', DISCORD_GLOBAL_RATE_LIMIT: '500' })).toMatchObject({ ok: true, config: { globalRequestsPerSecond: 500 } });
    for (const bad of ['0', 'fast', '50.5']) {
      const result = parseConfig({ DISCORD_TOKEN: 't', DISCORD_GLOBAL_RATE_LIMIT: bad });
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message).toContain("DISCORD_GLOBAL_RATE_LIMIT must be a whole number of requests a second from 1 to 100000: Discord's default of 50");
    }
  });
});
