/**
 * The reference the answer path is measured against: a discord.js client built exactly as the bot builds its own
 * (src/discord/client.ts: Guilds intent, the same REST connection pools and cache settings) that acknowledges every button click with
 * deferUpdate() and does nothing else: no database, no rendering. bench/answer-path.ts runs it as its own process, as
 * it runs the bot, with DISCORD_API_URL and DISCORD_TOKEN set the same way.
 */
import { Events } from 'discord.js';
import { createDiscordClient, createRestPool } from '../src/discord/client.js';

const token = process.env.DISCORD_TOKEN;
if (!token) {
  console.error('DISCORD_TOKEN is not set');
  process.exit(1);
}
const pool = createRestPool();
const client = createDiscordClient({ apiUrl: process.env.DISCORD_API_URL?.replace(/\/+$/, ''), dispatcher: pool.dispatcher });
// Lines in the bot's log format, so the benchmark counts failures the same way for both.
const log = (level: number, msg: string, extra: Record<string, unknown> = {}) => console.log(JSON.stringify({ level, time: Date.now(), msg, ...extra }));

client.on(Events.InteractionCreate, (interaction) => {
  if (!interaction.isButton()) return;
  interaction.deferUpdate().catch((error: unknown) => log(50, 'deferUpdate failed', { interactionId: interaction.id, err: String(error) }));
});
client.on(Events.Error, (error) => log(50, 'discord client error', { err: String(error) }));
client.once(Events.ClientReady, (ready) => log(30, 'connected to Discord', { user: ready.user.tag, guilds: ready.guilds.cache.size }));

const stop = () => void client.destroy().then(() => pool.close()).finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
await client.login(token);
