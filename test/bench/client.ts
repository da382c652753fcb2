import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import type { Input } from './inputs.ts';
import { REPO, serveFiles } from './processes.ts';
import { kb, median, ms } from './stats.ts';
import type { Row } from './table.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'];
const MB = 1024 * 1024;

interface CropperRun {
  readyMs: number;
  encodeMs: number;
  type: string;
  fileBytes: number;
  bodyBytes: number;
}

/** What the seed sent: the original file as a data URI in the JSON body. */
const seedBodyBytes = (input: Input): number => JSON.stringify({ image: `data:${input.type};base64,${input.bytes.toString('base64')}` }).length;

/**
 * <avatar-cropper> in headless Chromium, page and inputs served from loopback: per input, one
 * warm-up and then `runs` alternating runs of the element and of the bare-browser baseline.
 */
export async function clientRows(inputs: { input: Input; runs: number; goal: boolean; label: string }[]): Promise<{ rows: Row[]; version: string }> {
  const files = new Map<string, Buffer>([
    ['/', readFileSync(join(REPO, 'test/bench/client-page.html'))],
    ['/index.html', readFileSync(join(REPO, 'test/bench/client-page.html'))],
    ['/dist/avatar-cropper.js', readFileSync(join(REPO, 'dist/avatar-cropper.js'))],
  ]);
  for (const { input } of inputs) files.set(`/in/${input.name}`, input.bytes);
  const server = await serveFiles(files);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const rows: Row[] = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`[bench] page error: ${error.message}`));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => customElements.get('avatar-cropper') !== undefined && 'bench' in window);
    for (const { input, runs, goal, label } of inputs) {
      const url = `/in/${input.name}`;
      const args = JSON.stringify([url, input.name]).slice(1, -1);
      const cropper = () => page.evaluate(`window.bench.cropper(${args})`) as Promise<CropperRun>;
      const baseline = () => page.evaluate(`window.bench.baseline(${args})`) as Promise<{ decodeMs: number; encodeMs: number }>;
      await cropper();
      await baseline();
      const ours: CropperRun[] = [];
      const floor: { decodeMs: number; encodeMs: number }[] = [];
      for (let i = 0; i < runs; i++) {
        ours.push(await cropper());
        floor.push(await baseline());
      }
      const ready = median(ours.map((run) => run.readyMs));
      const encode = median(ours.map((run) => run.encodeMs));
      const decodeFloor = median(floor.map((run) => run.decodeMs));
      const encodeFloor = median(floor.map((run) => run.encodeMs));
      const last = ours.at(-1)!;
      const seed = seedBodyBytes(input);
      const section = 'Client: <avatar-cropper> in headless Chromium';
      /** Goal for the 12 MP input: at most `limit` ms and, if given, at most `ratio` x the baseline. */
      const timed = (what: string, value: number, floor: number, floorLabel: string, limit: number, ratio?: number): Row => ({
        section,
        what: `${label}: ${what} (median of ${runs})`,
        value: ms(value),
        baseline: `${ms(floor)} (${floorLabel})`,
        ratio: value / floor,
        goal: goal ? `≤ ${limit} ms${ratio ? ` and ≤ ${ratio}x` : ''}` : '— (goal is for 12 MP)',
        ...(goal ? { pass: value <= limit && (!ratio || value <= floor * ratio) } : {}),
      });
      rows.push(
        timed('file chosen → crop ready', ready, decodeFloor, 'img.decode() alone', 100, 1.2),
        timed('crop → encoded file', encode, encodeFloor, 'one canvas.toBlob WebP 0.9', 200),
        {
          section,
          what: `${label}: upload body (${last.type.replace('image/', '')} ${kb(last.fileBytes)} as data URI)`,
          value: kb(last.bodyBytes),
          baseline: `${kb(seed)} (seed: original as data URI)`,
          ratio: last.bodyBytes / seed,
          goal: goal ? '≤ 1 MB and ≤ 0.10x' : '≤ 1 MB',
          pass: last.bodyBytes <= MB && (!goal || last.bodyBytes * 10 <= seed),
        },
      );
    }
    return { rows, version: `Chromium ${browser.version()}` };
  } finally {
    await browser.close();
    await server.close();
  }
}
