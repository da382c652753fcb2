import sharp, { type OutputInfo, type PngOptions } from 'sharp';
import { checkUpload } from '../../src/server/intake/prepare.ts';
import { avatarUrl } from '../../src/server/processors/imgproxy-processor.ts';
import { createSharpProcessor } from '../../src/server/processors/sharp-processor.ts';
import { startImgproxy } from '../support/imgproxy.ts';
import { WorkerPool } from '../../src/server/workers/worker-pool.ts';
import type { Input } from './inputs.ts';
import { serveFiles } from './processes.ts';
import { kb, mb, median, ms } from './stats.ts';
import type { Row } from './table.ts';

const SIZE = 1024;
const LIMITS = { maxUploadBytes: 25 * 1024 * 1024, maxPixels: 40_000_000 };
/** Each encoding is timed once per input; the row shows the median over the inputs. */
const REPEATS = 1;

/** Lossless re-encodings of the sharp processor's pixels; the first is what src/server does today. */
const CANDIDATES: [string, PngOptions][] = [
  ['sharp .png() today (level 6, no filter)', {}],
  ['.png({ adaptiveFiltering: true })', { adaptiveFiltering: true }],
  ['.png({ compressionLevel: 4, adaptiveFiltering: true })', { compressionLevel: 4, adaptiveFiltering: true }],
  ['.png({ compressionLevel: 9 })', { compressionLevel: 9 }],
  ['.png({ compressionLevel: 9, adaptiveFiltering: true })', { compressionLevel: 9, adaptiveFiltering: true }],
];

async function encode(pixels: { data: Buffer; info: OutputInfo }, options: PngOptions): Promise<{ bytes: Buffer; ms: number; lossless: boolean }> {
  const raw = { width: pixels.info.width, height: pixels.info.height, channels: pixels.info.channels };
  const times: number[] = [];
  let bytes = Buffer.alloc(0);
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    bytes = await sharp(pixels.data, { raw }).png(options).toBuffer();
    times.push(performance.now() - t0);
  }
  const back = await sharp(bytes).raw().toBuffer();
  return { bytes, ms: median(times), lossless: back.equals(pixels.data) };
}

/**
 * Output PNG bytes: the sharp processor vs imgproxy's own PNG for the same signed options (the
 * imgproxy processor stores imgproxy's bytes as they are); then lossless PNG options for sharp.
 */
export async function pngRows(inputs: { input: Input; label: string }[]): Promise<Row[]> {
  const files = new Map(inputs.map(({ input }) => [`/src/${input.name}`, input.bytes]));
  const source = await serveFiles(files);
  const imgproxy = await startImgproxy(`${source.url}/`, { IMGPROXY_MAX_SRC_FILE_SIZE: String(LIMITS.maxUploadBytes) });
  const workers = new WorkerPool({ size: 1, timeoutMs: 60_000, memoryBytes: 2048 * 1024 * 1024 });
  const processor = createSharpProcessor({ outputSize: SIZE, maxPixels: LIMITS.maxPixels, workers });
  const config = { url: imgproxy.url, key: imgproxy.key, salt: imgproxy.salt, timeoutMs: 15_000, sourceHost: '', sourcePort: 0, sourceUrl: '' };
  const section = 'Server: output PNG bytes, 1024x1024, lossless';
  const rows: Row[] = [];
  const totals = new Map<string, { bytes: number; ms: number[]; lossless: boolean }>();
  let ours = 0;
  let theirs = 0;
  try {
    for (const { input, label } of inputs) {
      const png = await processor.normalize(await checkUpload(input.bytes, LIMITS, workers));
      const response = await fetch(avatarUrl(config, `${source.url}/src/${input.name}`, SIZE));
      if (!response.ok) throw new Error(`imgproxy answered ${response.status} for ${input.name}`);
      const reference = Buffer.from(await response.arrayBuffer());
      ours += png.length;
      theirs += reference.length;
      rows.push({ section, what: `sharp processor: ${label}`, value: kb(png.length), baseline: `${kb(reference.length)} (imgproxy default PNG)`, ratio: png.length / reference.length, goal: '—' });
      const pixels = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      for (const [name, options] of CANDIDATES) {
        const result = await encode(pixels, options);
        const total = totals.get(name) ?? { bytes: 0, ms: [], lossless: true };
        totals.set(name, { bytes: total.bytes + result.bytes.length, ms: [...total.ms, result.ms], lossless: total.lossless && result.lossless });
      }
    }
  } finally {
    await processor.close();
    await imgproxy.stop();
    await source.close();
  }
  rows.push({ section, what: `sharp processor, all ${inputs.length} inputs`, value: mb(ours), baseline: `${mb(theirs)} (imgproxy default PNG)`, ratio: ours / theirs, goal: '≤ 1.00x (smaller is better)', pass: ours <= theirs });
  const today = totals.get(CANDIDATES[0]![0])!;
  for (const [name] of CANDIDATES.slice(1)) {
    const total = totals.get(name)!;
    rows.push({
      section: 'Server: lossless PNG options for the sharp processor (same pixels, all inputs)',
      what: name,
      value: `${mb(total.bytes)}, encode ${ms(median(total.ms))}/image${total.lossless ? ', lossless' : ', NOT LOSSLESS'}`,
      baseline: `${mb(today.bytes)}, ${ms(median(today.ms))}/image (today); imgproxy ${mb(theirs)}`,
      ratio: total.bytes / today.bytes,
      goal: '—',
    });
  }
  return rows;
}
