import type { StoredVariant } from './storage/avatar-store.ts';
import { variantSizes } from './variant-sizes.ts';
import type { WorkerPool } from './workers/worker-pool.ts';

/** The offered `?size=` squares smaller than the avatar itself: what STORE_VARIANTS stores beside it. */
export const storedVariantSizes = (outputSize: number) => variantSizes(outputSize).filter((size) => size < outputSize);

/**
 * Every stored variant of a new avatar, resized from it in the decode workers exactly as the public
 * route resizes on request, so a stored variant and a computed one are the same bytes (same ETag).
 * One at a time: an upload holds at most one worker, like its own decode.
 */
export async function renderVariants(png: Buffer, outputSize: number, workers: WorkerPool): Promise<StoredVariant[]> {
  const variants: StoredVariant[] = [];
  for (const size of storedVariantSizes(outputSize)) variants.push({ size, png: await workers.run('resize', { png, size }, 'upload') });
  return variants;
}
