import type { FastifyReply } from 'fastify';

/**
 * Sends a request for a size that is not offered to the offered one. The Location is only a query,
 * so it resolves against whatever path the reverse proxy serves this under.
 */
export function redirectToSize(reply: FastifyReply, size: number) {
  return reply
    .code(301)
    .header('location', `?size=${size}`)
    .header('cache-control', 'public, max-age=86400')
    .header('access-control-allow-origin', '*')
    .send();
}
