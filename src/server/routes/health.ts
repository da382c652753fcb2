import type { FastifyPluginAsync } from 'fastify';
import type { Processor } from '../processors/processor.ts';

/** Liveness plus the processor's own health: 503 while the processor cannot take work. */
export const health: FastifyPluginAsync<{ processor: Processor }> = async (app, { processor }) => {
  app.get('/healthz', async (_request, reply) => {
    const processorHealthy = await processor.healthy();
    return reply
      .code(processorHealthy ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: processorHealthy ? 'ok' : 'degraded', processor: processor.name, processorHealthy });
  });
};
