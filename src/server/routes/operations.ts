import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { Metrics } from '../metrics.ts';
import { openApiDocument } from '../openapi.ts';
import type { Processor } from '../processors/processor.ts';

/** Health, Prometheus metrics and the OpenAPI description. */
export const operations: FastifyPluginAsync<{ config: Config; processor: Processor; metrics: Metrics }> = async (app, { config, processor, metrics }) => {
  app.get('/healthz', async (_request, reply) => {
    const processorHealthy = await processor.healthy();
    return reply
      .code(processorHealthy ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: processorHealthy ? 'ok' : 'degraded', processor: processor.name, processorHealthy });
  });

  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  const document = openApiDocument(config);
  app.get('/openapi.json', async () => document);
};
