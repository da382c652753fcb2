import type { CheckedImage } from '../intake/prepare.ts';

/** Turns a checked upload into a square PNG of the configured size. */
export interface Processor {
  readonly name: 'sharp' | 'imgproxy';
  normalize(image: CheckedImage): Promise<Buffer>;
  /** True when the processor can take work right now. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
