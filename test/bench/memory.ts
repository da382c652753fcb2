import { readFileSync } from 'node:fs';
import type { Input } from './inputs.ts';
import { BENCH_OWNER, jsonBody, startEndpoint, TOKEN } from './processes.ts';
import { mb } from './stats.ts';
import type { Row } from './table.ts';

const UPLOADS = 16;
const LIMIT = 300 * 1024 * 1024;

/** VmRSS or VmHWM (peak RSS) of a process, in bytes. */
export function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const kib = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) * 1024;
}

async function peakUnderUploads(big: Input, warm: Input, form: 'json' | 'raw') {
  const endpoint = await startEndpoint('sharp', { MAX_UPLOAD_BYTES: String(25 * 1024 * 1024) });
  try {
    (await endpoint.upload(jsonBody(warm.bytes, warm.type))).body?.cancel();
    const idle = memoryOf(endpoint.pid, 'VmRSS');
    const body = form === 'json' ? jsonBody(big.bytes, big.type) : big.bytes;
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': form === 'json' ? 'application/json' : 'application/octet-stream' };
    const statuses = await Promise.all(
      Array.from({ length: UPLOADS }, async () => {
        const query = form === 'raw' ? `?owner=${encodeURIComponent(BENCH_OWNER)}` : '';
        const response = await fetch(`${endpoint.url}/api/v1/avatars${query}`, { method: 'POST', headers, body: new Uint8Array(body) });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    const stored = statuses.filter((status) => status === 201).length;
    return { idle, peak: memoryOf(endpoint.pid, 'VmHWM'), bodyBytes: body.length, stored, statuses };
  } finally {
    await endpoint.stop();
  }
}

/**
 * Peak RSS (VmHWM) of the endpoint child under 16 concurrent ~20 MB uploads (sharp processor,
 * MAX_UPLOAD_BYTES 25 MB): as authentik sends them (JSON data URI) and as raw bytes, each in a fresh process.
 */
export async function memoryRows(big: Input, warm: Input): Promise<Row[]> {
  const section = `Server: peak RSS (VmHWM), ${UPLOADS} concurrent uploads of a ${mb(big.bytes.length)} PNG (sharp, MAX_UPLOAD_BYTES 25 MB, other settings default; one run each)`;
  const rows: Row[] = [];
  for (const form of ['json', 'raw'] as const) {
    const run = await peakUnderUploads(big, warm, form);
    const answered = run.stored === UPLOADS ? `all ${UPLOADS} stored` : `${run.stored} stored, statuses ${[...new Set(run.statuses)].join('/')}`;
    rows.push({
      section,
      what: `${form === 'json' ? 'JSON data-URI bodies' : 'raw image bodies'} (${mb(run.bodyBytes)} each; ${answered})`,
      value: mb(run.peak),
      baseline: `${mb(run.idle)} (same process, idle after one upload)`,
      ratio: run.peak / run.idle,
      goal: '≤ 300 MB',
      pass: run.peak <= LIMIT && run.stored === UPLOADS,
    });
  }
  return rows;
}
