import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { BodyBudget, dropWhenIdle, REQUEST_TIMEOUT_MS } from '../body-budget.ts';
import { errors, toAvatarError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import type { AnonymousLimits } from '../ownership/anonymous-limits.ts';
import { avatarIdOf } from '../ownership/avatar-url.ts';
import { isAnonymous, parseOwner, type Owner } from '../ownership/owner.ts';
import { tidyOwner } from '../ownership/tidy-owner.ts';
import { normalizeUpload } from '../processors/normalize-upload.ts';
import type { Processor } from '../processors/processor.ts';
import { isAvatarId, sha256, type AvatarStore } from '../storage/avatar-store.ts';
import type { StoreStats } from '../storage/store-stats.ts';
import { renderVariants } from '../stored-variants.ts';
import type { VariantCache } from '../variant-cache.ts';
import type { WorkQueue } from '../work-queue.ts';
import { requireBearer } from './auth.ts';
import { addUploadBodyParsers, readUploadBody, type UploadBody } from './upload-body.ts';

export interface AvatarsApiOptions {
  config: Config;
  processor: Processor;
  store: AvatarStore;
  stats: StoreStats;
  anonymous: AnonymousLimits;
  queue: WorkQueue;
  metrics: Metrics;
  variants: VariantCache;
}

/** The token-protected upload API: POST normalizes and stores, DELETE removes; both only ever touch the owner's avatars. */
export const avatarsApi: FastifyPluginAsync<AvatarsApiOptions> = async (app, { config, processor, store, stats, anonymous, queue, metrics, variants }) => {
  const budget = new BodyBudget(config.uploadMemoryBytes, config.maxQueue);
  app.addHook('onRequest', requireBearer(config.token));

  const deleteAvatar = async (id: string) => {
    const record = await store.record(id);
    await store.delete(id);
    stats.removed(record?.bytes ?? 0, record?.owner);
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
  // Raw image bytes for curl users, and the JSON form, read as a stream.
  addUploadBodyParsers(app, { maxUploadBytes: config.maxUploadBytes, jsonBodyLimit: bodyLimit });

  // Room for the body is reserved before it is read, so many large uploads at once wait instead of
  // filling memory. Fastify reads the body only after onRequest hooks (auth runs first).
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST') return;
    const declared = Number(request.headers['content-length']);
    if (declared > bodyLimit) throw errors.tooLarge(config.maxUploadBytes);
    const reserved = Number.isFinite(declared) && declared > 0 ? declared : bodyLimit;
    const release = await budget.reserve(reserved);
    reply.raw.once('close', release);
    dropWhenIdle(request.raw, config.bodyIdleTimeoutMs, reserved, REQUEST_TIMEOUT_MS);
    if (reply.raw.closed || request.raw.destroyed) release();
  });

  const answer = (url: string, stored: boolean) => ({ url, width: config.outputSize, height: config.outputSize, type: 'image/png', stored });

  app.post('/api/v1/avatars', { bodyLimit }, async (request, reply) => {
    const upload = readUploadBody(request);
    const owner = parseOwner(upload.owner);
    let release = () => {};
    if (isAnonymous(owner)) {
      try {
        release = await anonymous.admit(upload.client ?? request.ip);
      } catch (error) {
        metrics.refusals.inc({ reason: (error as { code?: string }).code ?? 'anonymous-limit' });
        throw error;
      }
    }
    try {
      return await storeUpload(request, reply, upload, owner);
    } finally {
      release();
    }
  });

  const storeUpload = async (request: FastifyRequest, reply: FastifyReply, upload: UploadBody, owner: Owner) => {
    const { image, png } = await queue.run(() => normalizeUpload(upload.bytes, config, processor, metrics));

    const previousId = upload.previous ? avatarIdOf(upload.previous) : undefined;
    const previous = previousId ? await store.record(previousId) : undefined;
    const previousIsOwn = previous?.owner === owner.value;
    if (previousId && !previousIsOwn) {
      metrics.refusals.inc({ reason: 'previous-not-owned' });
      request.log.warn({ previous: previousId, owner: owner.kind }, 'previous avatar belongs to another owner (or has no owner record); it was left alone');
    }
    // The same picture again: answer with the current URL and store nothing, so saves and syncs don't churn URLs.
    if (previous && previousIsOwn && previous.sha256 === sha256(png) && (await store.exists(previous.id))) {
      metrics.uploads.inc({ outcome: 'unchanged' });
      request.log.info({ outcome: 'unchanged', status: 200, id: previous.id }, 'upload unchanged');
      return reply.code(200).send(answer(`${config.publicUrl}/avatars/${previous.id}.png`, false));
    }

    // STORE_VARIANTS: the answer waits for the variants, so every URL it names serves them from storage.
    const storedVariants = store.storesVariants ? await renderVariants(png, config.outputSize, processor.workers) : [];
    const record = await store.save(png, owner.value, undefined, storedVariants);
    stats.added(record.bytes, record.owner);
    const keep = new Set([record.id, ...(previousIsOwn && previousId ? [previousId] : [])]);
    const tidied = await tidyOwner(store, owner.value, keep).catch((error: unknown) => {
      request.log.warn({ err: error }, 'could not tidy the owner\'s older avatars; the sweep will');
      return [];
    });
    for (const { id, bytes } of tidied) {
      stats.removed(bytes, owner.value);
      variants.delete(`${id}:`);
    }
    metrics.uploads.inc({ outcome: 'stored' });
    request.log.info(
      { outcome: 'stored', status: 201, type: image.type, sourceType: image.sourceType, width: image.width, height: image.height, id: record.id, owner: owner.kind, kept: previousIsOwn ? previousId : undefined, removed: tidied.length },
      'upload stored',
    );
    return reply.code(201).send(answer(`${config.publicUrl}/avatars/${record.id}.png`, true));
  };

  app.delete<{ Params: { id: string }; Querystring: { owner?: unknown } }>('/api/v1/avatars/:id', async (request, reply) => {
    const id = request.params.id.replace(/\.png$/, '');
    if (!isAvatarId(id)) throw errors.notFound();
    const owner = parseOwner(request.query.owner);
    const record = await store.record(id);
    if (!record && !(await store.exists(id))) {
      // Nothing anyone owns is left, but variants of a removal cut short may be: they go now.
      await store.delete(id);
      variants.delete(`${id}:`);
      return reply.code(204).send();
    }
    if (record?.owner !== owner.value) {
      metrics.refusals.inc({ reason: 'delete-not-owned' });
      request.log.warn({ id, owner: owner.kind, recorded: record ? 'another owner' : 'no owner record' }, 'refused to delete an avatar of another owner');
      throw errors.notOwner();
    }
    await deleteAvatar(id);
    request.log.info({ id, owner: owner.kind }, 'avatar deleted');
    return reply.code(204).send();
  });
};
