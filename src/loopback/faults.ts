import { normaliseRouteKey } from './router.js';

export interface FaultRequest {
  method: string;
  path: string;
  /** Route key such as `POST /channels/:channel_id/messages`, or null for unknown routes. */
  route: string | null;
  body: unknown;
}

export interface FaultSpec {
  /** A route key (`POST /channels/:id/messages`; parameter names do not matter) or a predicate. */
  route: string | ((request: FaultRequest) => boolean);
  /**
   * Status to answer with. Omit to only delay a request that then succeeds (a slow Discord). 403 is a refusal
   * (50013 Missing Permissions), as when a moderator takes a permission away half-way through.
   */
  status?: 403 | 429 | 500 | 502 | 503 | 504;
  /** Seconds, for 429. Defaults to 0.1. */
  retryAfter?: number;
  /** 429 only: a global rate limit rather than a per-route one. */
  global?: boolean;
  /** How many requests fail; defaults to 1. */
  times?: number;
  /** Hold the response this long first (longer than the client's timeout simulates a lost response). */
  delayMs?: number;
  /**
   * `before` (default) fails without touching state. `after` handles the request first and then fails,
   * like a 5xx or timeout after Discord already created the message: the case `enforce_nonce` exists for.
   */
  when?: 'before' | 'after';
}

export interface ActiveFault {
  readonly spec: FaultSpec;
  /** Requests this fault has hit so far. */
  readonly hits: FaultRequest[];
  readonly remaining: number;
}

export class FaultInjector {
  private readonly faults: Array<{ spec: FaultSpec; hits: FaultRequest[]; left: number }> = [];

  add(spec: FaultSpec): ActiveFault {
    const entry = { spec, hits: [] as FaultRequest[], left: spec.times ?? 1 };
    this.faults.push(entry);
    return {
      spec,
      hits: entry.hits,
      get remaining() {
        return entry.left;
      },
    };
  }

  /** Consumes and returns the first fault that applies to this request. */
  take(request: FaultRequest): FaultSpec | undefined {
    const entry = this.faults.find((f) => f.left > 0 && matches(f.spec.route, request));
    if (!entry) return undefined;
    entry.left -= 1;
    entry.hits.push(request);
    return entry.spec;
  }

  clear(): void {
    this.faults.length = 0;
  }
}

function matches(route: FaultSpec['route'], request: FaultRequest): boolean {
  if (typeof route === 'function') return route(request);
  return request.route !== null && normaliseRouteKey(route) === normaliseRouteKey(request.route);
}
