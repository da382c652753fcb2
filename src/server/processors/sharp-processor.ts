import type { WorkerPool } from '../workers/worker-pool.ts';
import type { Processor } from './processor.ts';

/**
 * The embedded processor: libvips, in the decode workers (src/server/processors/render-avatar.ts).
 * Fill-crops centred, enlarges, applies EXIF orientation, strips metadata.
 */
export function createSharpProcessor(options: { outputSize: number; maxPixels: number; workers: WorkerPool }): Processor {
  const { workers } = options;
  return {
    name: 'sharp',
    workers,
    normalize: (image) => workers.run('render', { image, size: options.outputSize, maxPixels: options.maxPixels }),
    async healthy() {
      return true;
    },
    close: () => workers.close(),
  };
}
