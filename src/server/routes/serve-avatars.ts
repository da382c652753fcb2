import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import { errors } from '../errors.ts';
import type { AvatarStore } from '../storage/avatar-store.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Public, cacheable avatar files. Names are content hashes, so a URL's bytes never change. */
export const serveAvatars: FastifyPluginAsync<{ store: AvatarStore }> = async (app, { store }) => {
  app.get<{ Params: { file: string } }>('/avatars/:file', async (request, reply) => {
    const match = /^([a-f0-9]{32})\.png$/.exec(request.params.file);
    if (!match || !(await store.exists(match[1]!))) throw errors.notFound();
    const id = match[1]!;
    const etag = `"${id}"`;
    reply
      .header('cache-control', IMMUTABLE)
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*');
    if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) return reply.code(304).send();
    return reply.type('image/png').send(createReadStream(store.pathOf(id)));
  });
};
