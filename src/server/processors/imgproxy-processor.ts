import { generateImageUrl } from '@imgproxy/imgproxy-node';
import { ACCEPTED } from '../intake/sniff.ts';
import type { ImgproxyConfig } from '../config.ts';
import { errors } from '../errors.ts';
import type { Processor } from './processor.ts';
import { SourceTickets } from './source-tickets.ts';

/** The signed imgproxy URL that fill-crops a source to a centred square PNG, enlarging small images. */
export function avatarUrl(config: ImgproxyConfig, sourceUrl: string, size: number): string {
  return generateImageUrl({
    endpoint: config.url,
    url: { value: sourceUrl, displayAs: 'base64' },
    // keep_copyright: imgproxy keeps EXIF Artist/Copyright by default even when stripping metadata.
    options: { resizing_type: 'fill', width: size, height: size, enlarge: 1, gravity: { type: 'ce' }, strip_metadata: true, keep_copyright: false, format: 'png' },
    key: config.key,
    salt: config.salt,
  });
}

/**
 * Delegates normalizing to a real imgproxy. imgproxy fetches the upload from a single-use URL on our
 * private source listener; its answer is returned as is and verified by the caller.
 */
export async function createImgproxyProcessor(config: ImgproxyConfig, outputSize: number): Promise<Processor> {
  const tickets = new SourceTickets(config.sourceUrl);
  await tickets.listen(config.sourceHost, config.sourcePort);

  return {
    name: 'imgproxy',
    async normalize(image) {
      const ticket = tickets.issue(image.bytes, image.type);
      let response: Response;
      try {
        response = await fetch(avatarUrl(config, ticket.url, outputSize), { signal: AbortSignal.timeout(config.timeoutMs) });
      } catch {
        throw errors.processorUnavailable();
      } finally {
        ticket.revoke();
      }
      if (response.status === 422) throw errors.undecodable(ACCEPTED[image.type]);
      if (!response.ok) {
        await response.body?.cancel();
        throw errors.processorUnavailable();
      }
      return Buffer.from(await response.arrayBuffer());
    },
    async healthy() {
      try {
        const response = await fetch(`${config.url}/health`, { signal: AbortSignal.timeout(2000) });
        await response.body?.cancel();
        return response.ok;
      } catch {
        return false;
      }
    },
    close: () => tickets.close(),
  };
}
