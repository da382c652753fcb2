import type { FastifyRequest } from 'fastify';
import { MethodNotAllowed } from '../errors.ts';

/**
 * An onRequest hook for requests no route matched: when the path exists under other methods, the
 * answer is 405 with an Allow header rather than 404. `routes` holds "METHOD /path/:param" entries.
 */
export function methodNotAllowed(routes: readonly string[]) {
  let patterns: { method: string; path: RegExp }[] | undefined;
  return async (request: FastifyRequest) => {
    if (!request.is404) return;
    patterns ??= routes.map((route) => {
      const [method, path] = route.split(' ') as [string, string];
      const source = path.split(/:\w+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
      return { method, path: new RegExp(`^${source}$`) };
    });
    const path = request.url.split('?')[0]!;
    const allowed = new Set(patterns.filter((pattern) => pattern.path.test(path)).map((pattern) => pattern.method));
    if (allowed.size === 0 || allowed.has(request.method)) return;
    if (allowed.has('GET')) allowed.add('HEAD');
    throw new MethodNotAllowed([...allowed].sort());
  };
}
