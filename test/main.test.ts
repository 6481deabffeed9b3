import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

describe('starting the bot', () => {
  it('without a token, prints one line naming DISCORD_TOKEN and exits 1', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cohort-start-')); // no .env here
    const started = Date.now();
    const run = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(1);
    const lines = `${run.stdout}${run.stderr}`.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: DISCORD_TOKEN is missing/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('running the bot as a process', () => {
  it('connects to Discord, then on SIGTERM disconnects, closes the database and exits 0', async () => {
    const { spawn } = await import('node:child_process');
    const { startLoopbackDiscord } = await import('../src/loopback/index.js');
    const discord = await startLoopbackDiscord();
    discord.addGuild({ name: 'Study group' });
    const cwd = mkdtempSync(join(tmpdir(), 'cohort-run-'));
    const { botCommand } = await import('./helpers/bot-process.js');
    const child = spawn(process.execPath, botCommand, {
      cwd,
      // SHARD_COUNT set but empty (as `export SHARD_COUNT=` leaves it) means unset: discord.js must not read it as 0.
      env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.restUrl, DATABASE_PATH: join(cwd, 'db.sqlite'), SHARD_COUNT: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect.poll(() => output, { timeout: 15_000 }).toContain('connected to Discord');
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const messages = output.trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).toEqual(expect.arrayContaining(['database ready', 'content pack loaded', 'connected to Discord', 'shutting down', 'stopped']));
      expect(discord.gateway.connected).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await discord.close();
    }
  });
});
