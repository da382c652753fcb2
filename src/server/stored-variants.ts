import type { StoredVariant } from './storage/avatar-store.ts';
import { variantSizes } from './variant-sizes.ts';
import type { WorkerPool } from './workers/worker-pool.ts';

/** The offered `?size=` squares smaller than the avatar itself: what STORE_VARIANTS stores beside it. */
export const storedVariantSizes = (outputSize: number) => variantSizes(outputSize).filter((size) => size < outputSize);

/**
 * Every stored variant of a new avatar, resized from it in the decode workers exactly as the public
 * route resizes on request, so a stored variant and a computed one are the same bytes (same ETag).
 * All queued at once: an idle pool shares them between its workers (the person saving waits less),
 * a busy one runs them in turn with everyone else's upload jobs.
 */
export async function renderVariants(png: Buffer, outputSize: number, workers: WorkerPool): Promise<StoredVariant[]> {
  return Promise.all(storedVariantSizes(outputSize).map(async (size) => ({ size, png: await workers.run('resize', { png, size }, 'upload') })));
}
