import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { startApp } from '../../src/app.js';
import { fetchTextOverHttp } from '../../src/content/content-admin.js';
import { silentLogger } from '../../src/logger.js';
import { bundledPacksDir } from '../../src/paths.js';
import { startLoopbackDiscord, type LoopbackDiscord } from '../../src/loopback/index.js';

const root = new URL('../..', import.meta.url).pathname;
const run = promisify(execFile);

describe('npm run deploy-commands', () => {
  let discord: LoopbackDiscord;
  let dir: string;
  afterEach(async () => {
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the commands to the dev server by bulk overwrite, and the next start-up does not register again', async () => {
    discord = await startLoopbackDiscord();
    const guild = discord.addGuild({ name: 'Study group' });
    dir = mkdtempSync(join(tmpdir(), 'cohort-deploy-'));
    const env = { PATH: process.env.PATH ?? '', DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.restUrl, DEV_GUILD_ID: guild.id, DATABASE_PATH: join(dir, 'cohort.sqlite') };

    const { stdout } = await run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/deploy-commands.ts')], { cwd: dir, env, timeout: 20_000 });
    expect(stdout).toContain(`Registered ${commands.length} commands to server ${guild.id}`);
    const puts = () => discord.requests.filter((r) => r.method === 'PUT' && r.route === 'PUT /applications/:application_id/guilds/:guild_id/commands');
    expect(puts()).toHaveLength(1);
    expect(discord.state.commandsFor(guild.id)).toHaveLength(commands.length);

    const app = await startApp(
      { discordToken: discord.token, discordApiUrl: discord.restUrl, devGuildId: guild.id, databasePath: env.DATABASE_PATH, logLevel: 'silent', shardCount: undefined, globalRequestsPerSecond: 50 },
      { logger: silentLogger, clock: { now: Date.now }, packsDir: bundledPacksDir, fetchText: fetchTextOverHttp },
    );
    await app.stop();
    expect(puts()).toHaveLength(1);
    expect(discord.contractViolations).toEqual([]);
  });
});
