import type { FastifyPluginAsync } from 'fastify';
import { toPng } from 'jdenticon';
import { errors } from '../errors.ts';
import type { VariantCache } from '../variant-cache.ts';
import { sendImmutablePng } from './serve-avatars.ts';
import { sizeParam } from './size-param.ts';

/**
 * Local identicons, so no e-mail hash has to leave the site: `/identicon/<md5 or sha256 hex>.png`.
 * Deterministic for a hash and size, so they are cached like avatars.
 */
export const identicons: FastifyPluginAsync<{ variants: VariantCache; outputSize: number }> = async (app, { variants, outputSize }) => {
  app.get<{ Params: { file: string } }>('/identicon/:file', { logLevel: 'warn' }, async (request, reply) => {
    const match = /^([a-f0-9]{32}|[a-f0-9]{64})\.png$/.exec(request.params.file.toLowerCase());
    if (!match) throw errors.notFound();
    const hash = match[1]!;
    const size = sizeParam(request.query, outputSize);
    return sendImmutablePng(request, reply, `"identicon-${hash}-${size}"`, () =>
      variants.get(`identicon:${hash}:${size}`, async () => toPng(hash, size, { backColor: '#ffffffff', padding: 0.08 })),
    );
  });
};
