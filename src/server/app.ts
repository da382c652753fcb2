import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { REQUEST_TIMEOUT_MS } from './body-budget.ts';
import { errors, MethodNotAllowed, toAvatarError } from './errors.ts';
import type { Processor } from './processors/processor.ts';
import { avatarsApi } from './routes/avatars-api.ts';
import { bridgeScript } from './routes/bridge-script.ts';
import { createMetrics } from './metrics.ts';
import { identicons } from './routes/identicons.ts';
import { methodNotAllowed } from './routes/method-not-allowed.ts';
import { operations } from './routes/operations.ts';
import { serveAvatars } from './routes/serve-avatars.ts';
import { AnonymousLimits } from './ownership/anonymous-limits.ts';
import { orphanSweep } from './ownership/sweep-plugin.ts';
import { createStore } from './storage/create-store.ts';
import { StoreStats } from './storage/store-stats.ts';
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

const internalError = { error: { code: 'internal', message: 'Something went wrong on the avatar server; your current avatar was kept.' } };

/** Errors the router raises before any route runs. */
function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    request.log.info({ code: 'not-found', status: 404 }, 'request refused');
    return reply.code(404).send(errors.notFound().toJSON());
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply.code(500).send(internalError);
}

/** Builds the endpoint. Routes are plugins; the caller owns listening and closing. */
export async function buildApp({ config, processor, logger = false }: AppParts): Promise<FastifyInstance> {
  const store = createStore(config.storage);
  await store.open();
  const stats = new StoreStats();
  await stats.recount(store);
  const anonymous = new AnonymousLimits(
    { perClient: config.anonymous.perHour, windowMs: 60 * 60 * 1000, maxPendingBytes: config.anonymous.maxPendingBytes, reserveBytes: 2 * 1024 * 1024 },
    () => stats.pendingBytes,
    () => stats.recount(store),
  );
  const queue = new WorkQueue(config.maxConcurrent, config.maxQueue);
  const metrics = createMetrics(queue, stats);
  // Other replicas may remove an avatar from a shared bucket: cached copies expire so they stop being served.
  const variants = new VariantCache(config.variantCacheBytes, config.storage.kind === 's3' ? config.storage.cacheMaxAgeMs : undefined);

  const app = Fastify({
    logger,
    bodyLimit: config.maxUploadBytes,
    requestTimeout: REQUEST_TIMEOUT_MS,
    return503OnClosing: true,
    // No route parameter is long by design; a long one must reach the routes (and their 401/404)
    // rather than be refused by the router in Fastify's own error shape.
    routerOptions: { maxParamLength: 16 * 1024 },
    // A path that is not valid percent-encoding names nothing this endpoint serves.
    frameworkErrors: (error, request, reply) => frameworkError(error, request, reply as FastifyReply),
  });

  // Every route as "METHOD /path", so tests can hold the OpenAPI document to what is served.
  const routes: string[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toAvatarError(error, config.maxUploadBytes);
    if (known) {
      request.log.info({ code: known.code, status: known.status }, 'request refused');
      if (known.retryAfter) reply.header('retry-after', String(known.retryAfter));
      else if (known.status === 503) reply.header('retry-after', '5');
      if (known instanceof MethodNotAllowed) reply.header('allow', known.allowed.join(', '));
      return reply.code(known.status).send(known.toJSON());
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(internalError);
  });
  // Before the body is parsed, so a wrong method is named as such whatever its body.
  app.addHook('onRequest', methodNotAllowed(routes));
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errors.notFound().toJSON()));

  await app.register(operations, { config, processor, metrics, store });
  await app.register(serveAvatars, { store, variants, outputSize: config.outputSize, workers: processor.workers });
  await app.register(identicons, { variants, outputSize: config.outputSize, workers: processor.workers });
  await app.register(bridgeScript);
  await app.register(avatarsApi, { config, processor, store, stats, anonymous, queue, metrics, variants });
  await app.register(orphanSweep, { config, store, stats, metrics, variants });
  app.addHook('onClose', () => processor.close());
  app.addHook('onClose', () => store.close());
  return app;
}
