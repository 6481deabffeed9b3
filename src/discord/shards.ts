import { Events, GatewayCloseCodes, type Client } from 'discord.js';
import type { Logger } from '../logger.js';

/** Each shard's life in the log, by shard id: which one is up, which dropped, which resumed. */
export function logShards(client: Client, logger: Logger): void {
  client.on(Events.ShardReady, (shard, unavailable) => logger.info({ shard, unavailableGuilds: unavailable?.size ?? 0 }, 'shard ready'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'shard resumed'));
  client.on(Events.ShardReconnecting, (shard) => logger.warn({ shard }, 'shard reconnecting'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.error({ shard, code: event.code }, 'shard disconnected for good'));
  client.on(Events.ShardError, (error, shard) => logger.error({ shard, err: error }, 'shard error'));
}

/** A gateway refusal the person starting the bot can fix, said so; other errors pass through unchanged. */
export class GatewayRefusedError extends Error {
  constructor(message: string, readonly code: number) {
    super(message);
    this.name = 'GatewayRefusedError';
  }
}

/** discord.js rejects login with these messages when the gateway closes with 4011 or 4010. */
export function explainGatewayRefusal(error: unknown, shardCount: number | undefined): unknown {
  const message = error instanceof Error ? error.message : '';
  const set = shardCount === undefined ? 'the count Discord recommended' : `SHARD_COUNT=${shardCount}`;
  if (message === 'Sharding is required') {
    return new GatewayRefusedError(
      `Discord refused the gateway connection (close code ${GatewayCloseCodes.ShardingRequired}, sharding required): with ${set}, ` +
        'a shard would hold more than 2,500 servers. Raise SHARD_COUNT (about one shard per 1,000 servers) or unset it to use the count Discord recommends.',
      GatewayCloseCodes.ShardingRequired,
    );
  }
  if (message === 'Invalid shard') {
    return new GatewayRefusedError(
      `Discord refused the gateway connection (close code ${GatewayCloseCodes.InvalidShard}, invalid shard) with ${set}. ` +
        'Unset SHARD_COUNT to use the count Discord recommends.',
      GatewayCloseCodes.InvalidShard,
    );
  }
  return error;
}
