import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createProcessor } from './processors/create-processor.ts';

/**
 * Builds and starts the endpoint. `extend` lets a host (the demo) add its own routes on the same port.
 */
export async function start(
  config: Config,
  extend?: (app: FastifyInstance) => Promise<void>,
  logger: FastifyServerOptions['logger'] = { level: config.logLevel, redact: ['req.headers.authorization'] },
): Promise<FastifyInstance> {
  const processor = await createProcessor(config);
  const app = await buildApp({
    config,
    processor,
    logger,
  });
  if (extend) await extend(app);
  await app.listen({ host: config.host, port: config.port });
  if (config.tokenGenerated) console.log(`\nNo AVATARS_TOKEN was set; this run uses:\n  AVATARS_TOKEN=${config.token}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // Stop accepting; requests in progress get SHUTDOWN_GRACE_MS, then their workers are killed
      // (libvips cannot be interrupted), they are answered 503, and the process exits.
      const deadline = setTimeout(() => {
        void processor.workers.close().finally(() => setTimeout(() => process.exit(0), 200));
      }, config.shutdownGraceMs);
      void app.close().then(() => {
        clearTimeout(deadline);
        process.exit(0);
      });
    });
  }
  return app;
}

/** Loads the configuration, or prints what is wrong and exits. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`authentik-avatars: configuration error: ${error.message}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await start(loadConfigOrExit());
}
