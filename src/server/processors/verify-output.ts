import sharp from 'sharp';
import { errors } from '../errors.ts';

/** Refuses anything that is not a PNG of exactly size x size, so a misbehaving processor never gets stored. */
export async function verifyOutput(png: Buffer, size: number): Promise<void> {
  const metadata = await sharp(png).metadata().catch(() => undefined);
  if (metadata?.format !== 'png' || metadata.width !== size || metadata.height !== size) throw errors.processorOutput();
}
