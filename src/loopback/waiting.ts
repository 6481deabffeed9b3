import type { RecordedRequest } from './server.js';

/** Resolves with the first request, seen or still to come, that matches; rejects after `timeoutMs` listing what came. */
export function waitFor(
  requests: readonly RecordedRequest[],
  waiters: Set<(request: RecordedRequest) => void>,
  predicate: (request: RecordedRequest) => boolean,
  timeoutMs: number,
): Promise<RecordedRequest> {
  const seen = requests.find(predicate);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const waiter = (request: RecordedRequest) => {
      if (!predicate(request)) return;
      waiters.delete(waiter);
      clearTimeout(timer);
      resolve(request);
    };
    const timer = setTimeout(() => {
      waiters.delete(waiter);
      reject(new Error(`No matching request within ${timeoutMs} ms; saw: ${requests.map((r) => `${r.method} ${r.path} -> ${r.status}`).join(', ') || 'none'}`));
    }, timeoutMs);
    waiters.add(waiter);
  });
}
