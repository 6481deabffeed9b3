/**
 * Preloaded into the bot process (node --import) by the benchmarks that ask for it: measures the bot's event-loop
 * delay, its stalls (with the time they ended) and GC pauses, and hands them over the IPC channel when asked. It
 * changes nothing the bot does; its own cost is a 1 ms delay histogram, a 10 ms timer and a GC observer.
 */
import { constants, monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { Client } from 'discord.js';

const STALL_MS = 20;
const TIMER_MS = 10;

if (process.send) {
  // Remember the bot's client (login is wrapped, not changed) to report its cache sizes.
  let client: Client | undefined;
  const login = Client.prototype.login;
  Client.prototype.login = function (this: Client, ...args: Parameters<Client['login']>) {
    client = this;
    return login.apply(this, args);
  };
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let gc = { count: 0, major: 0, totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major += 1;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  // Stalls: times the loop came back to a 10 ms timer at least 20 ms late; kept (the last 1,000) so the benchmark can
  // look at a time window without racing a reset.
  const stalls: { endedAt: number; ms: number }[] = [];
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const late = now - last - TIMER_MS;
    if (late >= STALL_MS) stalls.push({ endedAt: Date.now(), ms: Math.round(late) });
    if (stalls.length > 1000) stalls.shift();
    last = now;
  }, TIMER_MS).unref();
  process.on('message', (message) => {
    if (message !== 'bench-probe') return;
    const memory = process.memoryUsage();
    const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
    process.send?.({
      benchProbe: {
        loopDelayP99Ms: loop.percentile(99) / 1e6,
        loopDelayMaxMs: loop.max / 1e6,
        gc,
        stalls,
        cache: client && {
          guilds: client.guilds.cache.size,
          channels: client.channels.cache.size,
          users: client.users.cache.size,
          members: client.guilds.cache.reduce((n, g) => n + g.members.cache.size, 0),
          messages: client.channels.cache.reduce((n, c) => n + ('messages' in c ? c.messages.cache.size : 0), 0),
        },
        memoryMiB: { rss: mib(memory.rss), heapUsed: mib(memory.heapUsed), heapTotal: mib(memory.heapTotal), external: mib(memory.external), arrayBuffers: mib(memory.arrayBuffers) },
      },
    });
    loop.reset();
    gc = { count: 0, major: 0, totalMs: 0, maxMs: 0 };
  });
  process.channel?.unref();
}
