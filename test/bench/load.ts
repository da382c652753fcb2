import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Input } from './inputs.ts';
import { jsonBody, startEndpoint } from './processes.ts';
import { runConcurrent } from './stats.ts';
import type { Row } from './table.ts';

const CONCURRENCY = 32;

interface Outcome {
  status: number;
  retryAfter: boolean;
  url?: string;
}

const isAvatarPng = async (bytes: Buffer) => {
  const meta = await sharp(bytes).metadata().catch(() => undefined);
  return meta?.format === 'png' && meta.width === 1024 && meta.height === 1024;
};

/**
 * `total` uploads of the real fixtures (round robin, JSON data URIs) at concurrency 32, then every
 * 201 URL fetched and every stored file decoded: lost = a 201 whose URL does not serve a
 * 1024x1024 PNG; corrupt = a stored file that is not one, or a temporary file left behind.
 */
async function run(processor: 'sharp' | 'imgproxy', inputs: Input[], total: number, maxQueue: number) {
  const endpoint = await startEndpoint(processor, { MAX_QUEUE: String(maxQueue), LOG_LEVEL: 'warn' });
  try {
    const bodies = inputs.map((input) => jsonBody(input.bytes, input.type));
    const { results, wallMs } = await runConcurrent(total, CONCURRENCY, async (index): Promise<Outcome> => {
      const response = await endpoint.upload(bodies[index % bodies.length]!);
      const json = (await response.json().catch(() => ({}))) as { url?: string };
      return { status: response.status, retryAfter: response.headers.has('retry-after'), url: json.url };
    });
    const outcomes = results.map((result) => result.value);
    const urls = new Set(outcomes.filter((outcome) => outcome.status === 201).map((outcome) => outcome.url ?? ''));
    let lost = 0;
    for (const url of urls) {
      const response = await fetch(url).catch(() => undefined);
      if (!response?.ok || !(await isAvatarPng(Buffer.from(await response.arrayBuffer())))) lost++;
    }
    const folder = join(endpoint.dataDir, 'avatars');
    const names = await readdir(folder);
    let corrupt = 0;
    for (const name of names) if (!name.endsWith('.png') || !(await isAvatarPng(await readFile(join(folder, name))))) corrupt++;
    const count = (test: (outcome: Outcome) => boolean) => outcomes.filter(test).length;
    return {
      created: count((outcome) => outcome.status === 201),
      busy: count((outcome) => outcome.status === 503),
      busyWithoutRetryAfter: count((outcome) => outcome.status === 503 && !outcome.retryAfter),
      other: count((outcome) => outcome.status !== 201 && outcome.status !== 503),
      otherStatuses: [...new Set(outcomes.filter((outcome) => outcome.status !== 201 && outcome.status !== 503).map((outcome) => outcome.status))],
      lost,
      corrupt,
      files: names.length,
      perSecond: (total * 1000) / wallMs,
      seconds: wallMs / 1000,
    };
  } finally {
    await endpoint.stop();
  }
}

/** The load rows for one processor: a normal run sized to fit the queue, then a deliberate overload. */
export async function loadRows(processor: 'sharp' | 'imgproxy', inputs: Input[], total = 500, overloadTotal = 64): Promise<Row[]> {
  const section = `Server: load, endpoint with ${processor}, ${CONCURRENCY} concurrent JSON uploads of ${inputs.length} real fixtures`;
  const normal = await run(processor, inputs, total, CONCURRENCY);
  const overload = await run(processor, inputs, overloadTotal, 1);
  const others = (r: typeof normal) => (r.other ? `, other: ${r.other} (${r.otherStatuses.join('/')})` : '');
  return [
    {
      section,
      what: `${total} uploads, MAX_QUEUE=${CONCURRENCY}: answers`,
      value: `201: ${normal.created}, 503: ${normal.busy}${others(normal)}`,
      baseline: `${normal.seconds.toFixed(0)} s, ${normal.perSecond.toFixed(1)}/s`,
      goal: 'all 201 or 503',
      pass: normal.other === 0,
    },
    {
      section,
      what: `${total} uploads: lost (201 URL not serving a 1024² PNG) / corrupt stored files`,
      value: `${normal.lost} / ${normal.corrupt}`,
      baseline: `${normal.files} files stored (content-named)`,
      goal: '0 / 0',
      pass: normal.lost === 0 && normal.corrupt === 0,
    },
    {
      section,
      what: `overload: ${overloadTotal} uploads, MAX_QUEUE=1: answers`,
      value: `503: ${overload.busy} (${overload.busy - overload.busyWithoutRetryAfter} with Retry-After), 201: ${overload.created}${others(overload)}`,
      baseline: `lost ${overload.lost}, corrupt ${overload.corrupt}`,
      goal: '503s, all with Retry-After; 0 lost/corrupt; nothing else',
      pass: overload.busy > 0 && overload.busyWithoutRetryAfter === 0 && overload.other === 0 && overload.lost === 0 && overload.corrupt === 0,
    },
  ];
}
