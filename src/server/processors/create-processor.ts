import type { Config } from '../config.ts';
import { createImgproxyProcessor } from './imgproxy-processor.ts';
import type { Processor } from './processor.ts';
import { createSharpProcessor } from './sharp-processor.ts';

export async function createProcessor(config: Config): Promise<Processor> {
  if (config.processor === 'imgproxy' && config.imgproxy) return createImgproxyProcessor(config.imgproxy, config.outputSize);
  return createSharpProcessor({ outputSize: config.outputSize, maxPixels: config.maxPixels });
}
