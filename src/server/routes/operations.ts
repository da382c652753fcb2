import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { Metrics } from '../metrics.ts';
import { openApiDocument } from '../openapi.ts';
import type { Processor } from '../processors/processor.ts';
import type { AvatarStore } from '../storage/avatar-store.ts';

/** Health, Prometheus metrics and the OpenAPI description. */
export const operations: FastifyPluginAsync<{ config: Config; processor: Processor; metrics: Metrics; store: AvatarStore }> = async (app, { config, processor, metrics, store }) => {
  app.get('/healthz', async (_request, reply) => {
    const [processorHealthy, storageHealthy] = await Promise.all([processor.healthy(), store.healthy()]);
    const ok = processorHealthy && storageHealthy;
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ok' : 'degraded', processor: processor.name, processorHealthy, storage: store.blobs.kind, storageHealthy });
  });

  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  const document = openApiDocument(config);
  app.get('/openapi.json', async () => document);
};
