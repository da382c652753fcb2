import { avatarUrl } from '../../src/server/processors/imgproxy-processor.ts';
import { freePort, startImgproxy, type RunningImgproxy } from '../support/imgproxy.ts';
import type { Input } from './inputs.ts';
import { jsonBody, serveFiles, startEndpoint, type Endpoint } from './processes.ts';
import { median, ms, percentile, rps, runConcurrent } from './stats.ts';
import type { Row } from './table.ts';

const CONCURRENCY = [1, 4, 16] as const;
const REQUESTS: Record<number, number> = { 1: 6, 4: 12, 16: 16 };
const ROUNDS = 3;

type Target = 'sharp' | 'imgproxy' | 'direct';
interface Sample {
  p50: number;
  p95: number;
  throughput: number;
  failures: number;
}

/** imgproxy plus a loopback static server for the direct calls, and both endpoints sharing that imgproxy. */
export async function startServerTrio(input: Input) {
  const source = await serveFiles(new Map([[`/src/${input.name}`, input.bytes]]));
  const sourcePort = await freePort();
  const allowed = `${source.url}/,http://127.0.0.1:${sourcePort}/`;
  const imgproxy: RunningImgproxy = await startImgproxy(`${source.url}/`, { IMGPROXY_ALLOWED_SOURCES: allowed });
  const sharp = await startEndpoint('sharp');
  const viaImgproxy = await startEndpoint('imgproxy', {}, { imgproxy, sourcePort });
  const config = { url: imgproxy.url, key: imgproxy.key, salt: imgproxy.salt, timeoutMs: 15_000, sourceHost: '127.0.0.1', sourcePort, sourceUrl: '' };
  const directUrl = avatarUrl(config, `${source.url}/src/${input.name}`, 1024);
  return {
    sharp,
    viaImgproxy,
    directUrl,
    stop: async () => {
      await sharp.stop();
      await viaImgproxy.stop();
      await imgproxy.stop();
      await source.close();
    },
  };
}

async function measure(call: () => Promise<boolean>, requests: number, concurrency: number): Promise<Sample> {
  const { results, wallMs } = await runConcurrent(requests, concurrency, call);
  const times = results.map((result) => result.ms);
  return { p50: percentile(times, 50), p95: percentile(times, 95), throughput: (requests * 1000) / wallMs, failures: results.filter((result) => !result.value).length };
}

const uploadCall = (endpoint: Endpoint, body: Buffer) => async () => {
  const response = await endpoint.upload(body);
  await response.arrayBuffer();
  return response.status === 201;
};

const directCall = (url: string) => async () => {
  const response = await fetch(url);
  const bytes = await response.arrayBuffer();
  return response.status === 200 && bytes.byteLength > 0;
};

/**
 * Normalize latency and throughput for the endpoint (sharp), the endpoint (imgproxy) and imgproxy
 * called directly with the same signed options: rounds interleave the three, medians over rounds.
 */
export async function latencyRows(input: Input, label: string): Promise<Row[]> {
  const trio = await startServerTrio(input);
  const body = jsonBody(input.bytes, input.type);
  const calls: Record<Target, () => Promise<boolean>> = {
    sharp: uploadCall(trio.sharp, body),
    imgproxy: uploadCall(trio.viaImgproxy, body),
    direct: directCall(trio.directUrl),
  };
  const samples = new Map<string, Sample[]>();
  try {
    for (const target of Object.keys(calls) as Target[]) await measure(calls[target], 4, 2); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const concurrency of CONCURRENCY) {
        for (const target of Object.keys(calls) as Target[]) {
          const key = `${target}:${concurrency}`;
          samples.set(key, [...(samples.get(key) ?? []), await measure(calls[target], REQUESTS[concurrency]!, concurrency)]);
        }
      }
    }
  } finally {
    await trio.stop();
  }

  const stat = (target: Target, concurrency: number, pick: (sample: Sample) => number) => median((samples.get(`${target}:${concurrency}`) ?? []).map(pick));
  const failures = [...samples.values()].flat().reduce((sum, sample) => sum + sample.failures, 0);
  const rows: Row[] = [];
  const section = `Server: normalize ${label}, JSON data-URI body (${ROUNDS} rounds, medians)`;
  for (const concurrency of CONCURRENCY) {
    const judged = concurrency === 4;
    const n = REQUESTS[concurrency];
    for (const [name, pick, format, better] of [
      ['p50 latency', (s: Sample) => s.p50, ms, 'lower'],
      ['p95 latency', (s: Sample) => s.p95, ms, 'lower'],
      ['throughput', (s: Sample) => s.throughput, rps, 'higher'],
    ] as const) {
      const direct = stat('direct', concurrency, pick);
      const viaImgproxy = stat('imgproxy', concurrency, pick);
      const viaSharp = stat('sharp', concurrency, pick);
      const ratio = viaImgproxy / direct;
      const goal = better === 'lower' ? '≤ 1.10x' : '≥ 0.90x';
      rows.push({
        section,
        what: `endpoint+imgproxy, c=${concurrency} (${n} req/round): ${name}`,
        value: format(viaImgproxy),
        baseline: `${format(direct)} (imgproxy direct)`,
        ratio,
        goal: judged ? goal : `— (${goal} is for c=4)`,
        ...(judged ? { pass: better === 'lower' ? ratio <= 1.1 : ratio >= 0.9 } : {}),
      });
      rows.push({ section, what: `endpoint+sharp, c=${concurrency}: ${name}`, value: format(viaSharp), baseline: `${format(direct)} (imgproxy direct)`, ratio: viaSharp / direct, goal: '—' });
    }
  }
  rows.push({ section, what: 'failed requests (any target)', value: String(failures), baseline: '—', goal: '0', pass: failures === 0 });
  return rows;
}
