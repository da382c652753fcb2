import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { errors } from '../errors.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** An onRequest hook that lets a request through only with `Authorization: Bearer <token>`. */
export function requireBearer(token: string) {
  const expected = digest(token);
  return async (request: FastifyRequest) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) throw errors.unauthorized();
  };
}
