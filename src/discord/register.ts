import { createHash } from 'node:crypto';
import { Routes, type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from '../logger.js';
import type { MetaStore } from '../store/meta-store.js';

export interface Registration {
  rest: REST;
  applicationId: string;
  /** Register to one server (instant) instead of globally. */
  guildId?: string | undefined;
  bodies: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[];
}

export function commandSetHash(bodies: Registration['bodies']): string {
  return createHash('sha256').update(JSON.stringify(bodies)).digest('hex');
}

const hashKey = ({ applicationId, guildId }: Registration) => `commands:${applicationId}:${guildId ?? 'global'}`;

/** One bulk overwrite: Discord replaces the whole set, so removed commands disappear and nothing is created twice. */
export async function registerCommands(registration: Registration, meta?: MetaStore): Promise<void> {
  const { rest, applicationId, guildId, bodies } = registration;
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  await rest.put(route, { body: bodies });
  meta?.set(hashKey(registration), commandSetHash(bodies));
}

/** Registers only when the command set differs from the last one registered (Discord limits creates per day). */
export async function registerIfChanged(registration: Registration, meta: MetaStore, logger: Logger): Promise<boolean> {
  const scope = registration.guildId ? { guildId: registration.guildId } : { scope: 'global' };
  if (meta.get(hashKey(registration)) === commandSetHash(registration.bodies)) {
    logger.debug(scope, 'slash commands unchanged; not registering');
    return false;
  }
  await registerCommands(registration, meta);
  logger.info({ ...scope, count: registration.bodies.length }, 'slash commands registered');
  return true;
}
