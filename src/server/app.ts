import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { AvatarError, errors } from './errors.ts';
import type { Processor } from './processors/processor.ts';
import { avatarsApi } from './routes/avatars-api.ts';
import { bridgeScript } from './routes/bridge-script.ts';
import { createMetrics } from './metrics.ts';
import { identicons } from './routes/identicons.ts';
import { operations } from './routes/operations.ts';
import { serveAvatars } from './routes/serve-avatars.ts';
import { AvatarStore } from './storage/avatar-store.ts';
import { VariantCache } from './variant-cache.ts';
import { WorkQueue } from './work-queue.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: readonly string[];
  }
}

export interface AppParts {
  config: Config;
  processor: Processor;
  logger?: FastifyServerOptions['logger'];
}

/** Maps framework errors (body too large, bad JSON, unknown content type) onto the endpoint's error shape. */
function toAvatarError(error: FastifyError, config: Config): AvatarError | undefined {
  if (error instanceof AvatarError) return error;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errors.tooLarge(config.maxUploadBytes);
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AvatarError(415, 'unsupported-media-type', 'Send JSON ({"image":"data:..."}) or raw image bytes (Content-Type: application/octet-stream).');
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return errors.empty();
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AvatarError(error.statusCode, 'malformed', `The request could not be read: ${error.message}`);
  }
  return undefined;
}

/** Builds the endpoint. Routes are plugins; the caller owns listening and closing. */
export async function buildApp({ config, processor, logger = false }: AppParts): Promise<FastifyInstance> {
  const store = new AvatarStore(config.dataDir);
  await store.open();
  const queue = new WorkQueue(config.maxConcurrent, config.maxQueue);
  const metrics = createMetrics(queue);
  const variants = new VariantCache(config.variantCacheBytes);

  const app = Fastify({
    logger,
    bodyLimit: config.maxUploadBytes,
    requestTimeout: 60_000,
    return503OnClosing: true,
  });

  // Every route as "METHOD /path", so tests can hold the OpenAPI document to what is served.
  const routes: string[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toAvatarError(error, config);
    if (known) {
      request.log.info({ code: known.code, status: known.status }, 'request refused');
      if (known.status === 503) reply.header('retry-after', '5');
      return reply.code(known.status).send(known.toJSON());
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on the avatar server; your current avatar was kept.' } });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errors.notFound().toJSON()));

  await app.register(operations, { config, processor, metrics });
  await app.register(serveAvatars, { store, variants, outputSize: config.outputSize });
  await app.register(identicons, { variants, outputSize: config.outputSize });
  await app.register(bridgeScript);
  await app.register(avatarsApi, { config, processor, store, queue, metrics, variants });
  app.addHook('onClose', () => processor.close());
  return app;
}
