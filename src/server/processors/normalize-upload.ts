import type { Config } from '../config.ts';
import { checkUpload, type CheckedImage } from '../intake/prepare.ts';
import type { Metrics } from '../metrics.ts';
import type { Processor } from './processor.ts';
import { verifyOutput } from './verify-output.ts';

export interface NormalizedUpload {
  image: CheckedImage;
  png: Buffer;
}

/** Untrusted upload bytes in, a verified square PNG out (or an AvatarError the uploader can act on). */
export async function normalizeUpload(bytes: Buffer, config: Config, processor: Processor, metrics: Metrics): Promise<NormalizedUpload> {
  const image = await checkUpload(bytes, config, processor.workers);
  const timer = metrics.processing.startTimer({ processor: processor.name });
  const png = await processor.normalize(image);
  await verifyOutput(png, config.outputSize);
  timer();
  return { image, png };
}
