import type { Config } from '../config.ts';
import { workerPoolFor } from '../workers/pool-for.ts';
import { createImgproxyProcessor } from './imgproxy-processor.ts';
import type { Processor } from './processor.ts';
import { createSharpProcessor } from './sharp-processor.ts';

export async function createProcessor(config: Config): Promise<Processor> {
  const workers = workerPoolFor(config);
  workers.warm();
  try {
    if (config.processor === 'imgproxy' && config.imgproxy) return await createImgproxyProcessor(config.imgproxy, config.outputSize, config.maxPixels, workers);
  } catch (error) {
    await workers.close();
    throw error;
  }
  return createSharpProcessor({ outputSize: config.outputSize, maxPixels: config.maxPixels, workers });
}
