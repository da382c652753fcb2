import { generateImageUrl } from '@imgproxy/imgproxy-node';
import { ACCEPTED } from '../intake/sniff.ts';
import type { ImgproxyConfig } from '../config.ts';
import { AvatarError, errors } from '../errors.ts';
import type { CheckedImage } from '../intake/prepare.ts';
import type { Processor } from './processor.ts';
import { readBounded } from './read-bounded.ts';
import { SourceTickets } from './source-tickets.ts';
import type { WorkerPool } from '../workers/worker-pool.ts';

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
 * private source listener; its answer is returned as is and verified by the caller. Rasters are also
 * decoded strictly by a decode worker, at the same time; SVGs are rasterized there (with its deadline) and reach
 * imgproxy as PNG, so no untrusted SVG reaches a renderer that cannot be stopped.
 */
export async function createImgproxyProcessor(config: ImgproxyConfig, outputSize: number, maxPixels: number, workers: WorkerPool): Promise<Processor> {
  const tickets = new SourceTickets(config.sourceUrl);
  await tickets.listen(config.sourceHost, config.sourcePort);

  // The largest PNG a size x size picture can honestly be (16-bit RGBA, stored uncompressed) plus room
  // for chunks and metadata; anything longer is not an avatar.
  const maxOutputBytes = outputSize * outputSize * 8 + outputSize * 2 + 1024 * 1024;

  const healthy = async () => {
    try {
      const response = await fetch(`${config.url}/health`, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  };

  /**
   * What imgproxy's error status means for the person uploading. imgproxy answers 422 "Broken or
   * unsupported image" when a loader refuses the file, but 500 "Internal error" for any other libvips
   * failure, including a decoder failing inside a HEIC (measured with imgproxy v4.0.12 on libvips 8.14:
   * a HEIC whose HEVC data is garbage answers 500 in ~10 ms). For files decoded here first a 500 is
   * imgproxy's own failure (503, the avatar kept); for a file that could not be decoded here (HEVC-coded
   * HEIC) a 500 from an imgproxy that is otherwise healthy is the file's: a 422 saying what to do.
   */
  const refusal = async (status: number, image: CheckedImage, decodedHere: boolean): Promise<AvatarError> => {
    const photo = image.type === 'image/heic' || image.type === 'image/heif';
    if (status === 422) return photo ? errors.undecodablePhoto(ACCEPTED[image.type]) : errors.undecodable(ACCEPTED[image.type]);
    if (status === 500 && !decodedHere && (await healthy())) return errors.undecodablePhoto(ACCEPTED[image.type]);
    return errors.processorUnavailable();
  };

  return {
    name: 'imgproxy',
    workers,
    async normalize(checked) {
      const image: CheckedImage =
        checked.type === 'image/svg+xml'
          ? { ...checked, type: 'image/png', sourceType: 'image/svg+xml', bytes: await workers.run('render', { image: checked, size: outputSize, maxPixels }), width: outputSize, height: outputSize }
          : checked;
      // The strict decode runs beside imgproxy's work rather than before it (it costs ~10-20 ms of a
      // worker for a typical photo); a file it refuses is refused whatever imgproxy answered, and
      // imgproxy's request is cut short.
      const fromImgproxy = new AbortController();
      const strict = image === checked ? workers.run('strict-decode', { image }) : Promise.resolve(true);
      const strictOutcome = strict.then(
        (decodedHere) => ({ decodedHere }),
        (error: unknown) => {
          fromImgproxy.abort();
          return { error };
        },
      );
      const ticket = tickets.issue(image.bytes, image.type);
      // One deadline for the whole exchange: connecting, imgproxy's work and reading its answer.
      const deadline = AbortSignal.timeout(config.timeoutMs);
      const signal = AbortSignal.any([deadline, fromImgproxy.signal]);
      const decodedHere = async () => {
        const outcome = await strictOutcome;
        if ('error' in outcome) throw outcome.error;
        return outcome.decodedHere;
      };
      try {
        const response = await fetch(avatarUrl(config, ticket.url, outputSize), { signal });
        if (!response.ok) {
          await response.body?.cancel();
          throw await refusal(response.status, image, await decodedHere());
        }
        const png = await readBounded(response, maxOutputBytes);
        await decodedHere();
        return png;
      } catch (error) {
        const strictFailure = await strictOutcome;
        if ('error' in strictFailure) throw strictFailure.error;
        if (error instanceof AvatarError) throw error;
        // Refused connection, imgproxy gone mid-answer, or the deadline: never a 500.
        throw deadline.aborted ? errors.processorTimeout(config.timeoutMs) : errors.processorUnavailable();
      } finally {
        ticket.revoke();
      }
    },
    healthy,
    close: async () => {
      await tickets.close();
      await workers.close();
    },
  };
}
