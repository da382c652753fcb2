import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import { BodyBudget } from '../body-budget.ts';
import { errors, toAvatarError } from '../errors.ts';
import type { Processor } from '../processors/processor.ts';
import { normalizeUpload } from '../processors/normalize-upload.ts';
import { isAvatarId, type AvatarStore } from '../storage/avatar-store.ts';
import type { Metrics } from '../metrics.ts';
import type { VariantCache } from '../variant-cache.ts';
import type { WorkQueue } from '../work-queue.ts';
import { requireBearer } from './auth.ts';
import { readUploadBody } from './upload-body.ts';

export interface AvatarsApiOptions {
  config: Config;
  processor: Processor;
  store: AvatarStore;
  queue: WorkQueue;
  metrics: Metrics;
  variants: VariantCache;
}

/** The id of one of our avatars named by a URL (absolute or a path), or undefined for anything else. */
function idFromUrl(url: string, publicUrl: string): string | undefined {
  const path = url.startsWith(publicUrl) ? url.slice(publicUrl.length) : url;
  const match = /^\/avatars\/([a-f0-9]{32})\.png(\?.*)?$/.exec(path);
  return match?.[1];
}

/** The token-protected upload API: POST normalizes and stores, DELETE removes. */
export const avatarsApi: FastifyPluginAsync<AvatarsApiOptions> = async (app, { config, processor, store, queue, metrics, variants }) => {
  const budget = new BodyBudget(config.uploadMemoryBytes, config.maxQueue);
  app.addHook('onRequest', requireBearer(config.token));

  // Raw image bodies for curl users; the declared type only selects this parser, it is never trusted.
  for (const contentType of ['application/octet-stream', /^image\//]) {
    app.addContentTypeParser(contentType, { parseAs: 'buffer', bodyLimit: config.maxUploadBytes }, (_request, body, done) => done(null, body));
  }

  const deleteAvatar = async (id: string) => {
    await store.delete(id);
    variants.delete(`${id}:`);
  };

  // One structured line per upload, refused or stored, with its outcome; never the image or the token.
  app.addHook('onError', async (request, _reply, error) => {
    if (request.method !== 'POST') return;
    const known = toAvatarError(error, config.maxUploadBytes);
    const outcome = known?.code ?? 'internal';
    metrics.uploads.inc({ outcome });
    request.log.info({ outcome, status: known?.status ?? 500 }, 'upload refused');
  });

  const jsonLimit = Math.ceil((config.maxUploadBytes * 4) / 3) + 64 * 1024;
  const bodyLimit = Math.max(jsonLimit, config.maxUploadBytes);

  // Room for the body is reserved before it is read, so many large uploads at once wait instead of
  // filling memory. Fastify reads the body only after onRequest hooks (auth runs first).
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST') return;
    const declared = Number(request.headers['content-length']);
    if (declared > bodyLimit) throw errors.tooLarge(config.maxUploadBytes);
    const release = await budget.reserve(Number.isFinite(declared) && declared > 0 ? declared : bodyLimit);
    reply.raw.once('close', release);
    if (reply.raw.closed || request.raw.destroyed) release();
  });

  app.post('/api/v1/avatars', { bodyLimit }, async (request, reply) => {
    const upload = readUploadBody(request, config.maxUploadBytes);
    const { image, id } = await queue.run(async () => {
      const { image, png } = await normalizeUpload(upload.bytes, config, processor, metrics);
      return { image, id: await store.save(png) };
    });

    const previousId = upload.previous ? idFromUrl(upload.previous, config.publicUrl) : undefined;
    if (previousId && previousId !== id) await deleteAvatar(previousId);
    metrics.uploads.inc({ outcome: 'stored' });

    request.log.info({ outcome: 'stored', status: 201, type: image.type, sourceType: image.sourceType, width: image.width, height: image.height, id, replaced: previousId }, 'upload stored');
    return reply.code(201).send({ url: `${config.publicUrl}/avatars/${id}.png`, width: config.outputSize, height: config.outputSize, type: 'image/png' });
  });

  app.delete<{ Params: { id: string } }>('/api/v1/avatars/:id', async (request, reply) => {
    const id = request.params.id.replace(/\.png$/, '');
    if (!isAvatarId(id)) throw errors.notFound();
    await deleteAvatar(id);
    request.log.info({ id }, 'avatar deleted');
    return reply.code(204).send();
  });
};
