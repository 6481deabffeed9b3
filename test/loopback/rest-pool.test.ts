import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createRestPool, REST_CONNECTIONS, type RestPool } from '../../src/discord/client.js';

describe('REST connections', () => {
  let pool: RestPool | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await pool?.close();
    await close?.();
  });

  it('an interaction callback never waits behind other requests, and neither kind opens more than its pool', async () => {
    const held: ServerResponse[] = [];
    const sockets = { callbacks: new Set<number>(), others: new Set<number>() };
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const callback = req.url!.includes('/callback');
      (callback ? sockets.callbacks : sockets.others).add(req.socket.remotePort!);
      if (callback) res.end('{}');
      else held.push(res); // a slow route: holds every connection of the general pool
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise((resolve) => {
      for (const res of held) res.end('{}');
      server.close(() => resolve());
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v10`;
    pool = createRestPool();
    const dispatcher = pool.dispatcher;

    const slow = Array.from({ length: REST_CONNECTIONS * 2 }, (_, i) =>
      request(`${base}/channels/1/messages?i=${i}`, { method: 'POST', body: '{}', dispatcher }).then((r) => r.body.text()));
    while (held.length < REST_CONNECTIONS) await new Promise((resolve) => setTimeout(resolve, 5));

    const started = performance.now();
    const callbacks = await Promise.all(Array.from({ length: 5 }, (_, i) =>
      request(`${base}/interactions/12345678901234567${i}/token-${i}/callback`, { method: 'POST', body: '{}', dispatcher }).then((r) => r.statusCode)));
    expect(callbacks).toEqual([200, 200, 200, 200, 200]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(held).toHaveLength(REST_CONNECTIONS); // the other 16 still wait for a connection of their own pool
    expect(sockets.others.size).toBe(REST_CONNECTIONS);
    expect([...sockets.callbacks].some((port) => sockets.others.has(port))).toBe(false);

    for (const res of held.splice(0)) res.end('{}');
    while (held.length < REST_CONNECTIONS) await new Promise((resolve) => setTimeout(resolve, 5));
    for (const res of held.splice(0)) res.end('{}');
    expect(await Promise.all(slow)).toHaveLength(REST_CONNECTIONS * 2);
    expect(sockets.others.size).toBe(REST_CONNECTIONS); // kept alive and reused, not reopened
  });
});
