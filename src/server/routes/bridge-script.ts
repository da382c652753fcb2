import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { AvatarError } from '../errors.ts';

const bundle = fileURLToPath(new URL('../../../dist/bridge.js', import.meta.url));

/** Serves the authentik bridge bundle so authentik pages can load it cross-origin as a module script. */
export const bridgeScript: FastifyPluginAsync = async (app) => {
  app.get('/bridge.js', async (_request, reply) => {
    const code = await readFile(bundle).catch(() => {
      throw new AvatarError(404, 'not-built', 'The bridge bundle is missing: run `npm run build` on the server.');
    });
    return reply
      .type('text/javascript; charset=utf-8')
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .send(code);
  });
};
