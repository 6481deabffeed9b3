import type { HttpMethod, RouteDefinition } from './context.js';

interface CompiledRoute {
  definition: RouteDefinition;
  key: string;
  segments: string[];
  literals: number;
}

export type RouteMatch =
  | { kind: 'found'; definition: RouteDefinition; key: string; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: HttpMethod[] }
  | { kind: 'none' };

/** Segment matcher where literal segments beat parameters (`@original` before `:message_id`). */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(definitions: RouteDefinition[]) {
    this.routes = definitions
      .map((definition) => {
        const segments = definition.pattern.split('/').filter(Boolean);
        return { definition, key: `${definition.method} ${definition.pattern}`, segments, literals: segments.filter((s) => !s.startsWith(':')).length };
      })
      .sort((a, b) => b.literals - a.literals);
  }

  get keys(): string[] {
    return this.routes.map((r) => r.key);
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').filter(Boolean);
    const allowed: HttpMethod[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.definition.method === method) return { kind: 'found', definition: route.definition, key: route.key, params };
      allowed.push(route.definition.method);
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of pattern.entries()) {
    const part = parts[i]!;
    if (segment.startsWith(':')) params[segment.slice(1)] = part;
    else if (segment !== part) return null;
  }
  return params;
}

/** `POST /channels/:id/messages` and `POST /channels/:channel_id/messages` name the same route. */
export function normaliseRouteKey(key: string): string {
  return key.trim().replace(/:[A-Za-z_]+/g, ':').replace(/\{[A-Za-z_]+\}/g, ':').replace(/\s+/, ' ').toUpperCase();
}
