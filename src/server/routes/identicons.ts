import type { FastifyPluginAsync } from 'fastify';
import { errors } from '../errors.ts';
import type { VariantCache } from '../variant-cache.ts';
import type { WorkerPool } from '../workers/worker-pool.ts';
import { redirectToSize } from './redirect-size.ts';
import { RenderRate } from './render-rate.ts';
import { sendImmutablePng } from './serve-avatars.ts';
import { sizeParam } from './size-param.ts';

/** New identicons drawn per second on average (a user list of a few hundred fills in within seconds), and at once. */
const NEW_RENDERS_PER_SECOND = 50;
const NEW_RENDERS_BURST = 100;

/**
 * Local identicons, so no e-mail hash has to leave the site: `/identicon/<md5 or sha256 hex>.png`.
 * Deterministic for a hash and size, so they are cached like avatars. Drawn in a decode worker (never
 * on the event loop), at a bounded rate of new ones, so a flood of random hashes cannot slow /healthz
 * or uploads.
 */
export const identicons: FastifyPluginAsync<{ variants: VariantCache; outputSize: number; workers: WorkerPool }> = async (app, { variants, outputSize, workers }) => {
  const rate = new RenderRate(NEW_RENDERS_PER_SECOND, NEW_RENDERS_BURST);
  app.get<{ Params: { file: string } }>('/identicon/:file', { logLevel: 'warn' }, async (request, reply) => {
    const match = /^([a-f0-9]{32}|[a-f0-9]{64})\.png$/.exec(request.params.file.toLowerCase());
    if (!match) throw errors.notFound();
    const hash = match[1]!;
    const wanted = sizeParam(request.query, outputSize);
    if ('redirectTo' in wanted) return redirectToSize(reply, wanted.redirectTo);
    const { size } = wanted;
    const key = `identicon:${hash}:${size}`;
    const etag = `"identicon-${hash}-${size}"`;
    const cached = variants.peek(key);
    if (cached) return sendImmutablePng(request, reply, etag, cached);
    if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) return sendImmutablePng(request, reply, etag, Buffer.alloc(0));
    rate.take();
    return sendImmutablePng(request, reply, etag, () => variants.get(key, () => workers.run('identicon', { hash, size }, 'public')));
  });
};
