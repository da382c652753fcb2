import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../errors.ts';
import type { AvatarStore } from '../storage/avatar-store.ts';
import type { VariantCache } from '../variant-cache.ts';
import type { WorkerPool } from '../workers/worker-pool.ts';
import { redirectToSize } from './redirect-size.ts';
import { sizeParam } from './size-param.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Headers for every public image: cache forever, never sniff, never run anything, usable from any origin. */
export function sendImmutablePng(request: FastifyRequest, reply: FastifyReply, etag: string, png: Buffer | (() => Promise<Buffer>)) {
  reply
    .header('cache-control', IMMUTABLE)
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('access-control-allow-origin', '*');
  if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) return reply.code(304).send();
  return typeof png === 'function' ? png().then((bytes) => reply.type('image/png').send(bytes)) : reply.type('image/png').send(png);
}

/**
 * Public, cacheable avatar files. A URL's bytes never change. Recently served files and `?size=N`
 * squares (only the sizes of variant-sizes.ts, each resized once, in a decode worker) are kept in one
 * bounded cache. With STORE_VARIANTS, a `?size=N` square is read from storage (`avatars/<id>/<N>.png`),
 * and one that is missing there is computed, served, then stored.
 */
export const serveAvatars: FastifyPluginAsync<{ store: AvatarStore; variants: VariantCache; outputSize: number; workers: WorkerPool }> = async (
  app,
  { store, variants, outputSize, workers },
) => {
  // Public image hits are logged only when they go wrong: at info level, access lines cost a quarter of the throughput.
  app.get<{ Params: { file: string } }>('/avatars/:file', { logLevel: 'warn' }, async (request, reply) => {
    const match = /^([a-f0-9]{32})\.png$/.exec(request.params.file);
    if (!match) throw errors.notFound();
    const id = match[1]!;
    const wanted = sizeParam(request.query, outputSize);
    if ('redirectTo' in wanted) return redirectToSize(reply, wanted.redirectTo);
    const { size } = wanted;
    const key = size === outputSize ? `${id}:full` : `${id}:${size}`;
    const etag = size === outputSize ? `"${id}"` : `"${id}-${size}"`;
    // Deleting an avatar through the API drops its cache entries, so a hit needs no look at the disk.
    const cached = variants.peek(key);
    if (cached) return sendImmutablePng(request, reply, etag, cached);
    const storedVariant = size !== outputSize && store.storesVariants;
    if (storedVariant) {
      // The image is looked at too: a variant outlives its image only in a removal under way or cut short.
      const [stored, imageExists] = await Promise.all([store.readVariant(id, size), store.exists(id)]);
      if (!imageExists) throw errors.notFound();
      if (stored) return sendImmutablePng(request, reply, etag, await variants.get(key, async () => stored));
    }
    if (!storedVariant && !(await store.exists(id))) throw errors.notFound();
    return sendImmutablePng(request, reply, etag, () =>
      variants.get(key, async () => {
        const full = await store.read(id);
        if (!full) throw errors.notFound();
        if (size === outputSize) return full;
        const resized = await workers.run('resize', { png: full, size }, 'public');
        // An avatar stored before STORE_VARIANTS (or by a replica without it) fills in on first request.
        if (storedVariant) store.saveVariant(id, size, resized).catch((error: unknown) => request.log.warn({ err: error, id, size }, 'could not store a computed variant; it is computed again next time'));
        return resized;
      }),
    );
  });
};
