import { startSeaweedfs } from '../support/seaweedfs.ts';
import type { Input } from './inputs.ts';
import { jsonBody, startEndpoint, type Endpoint } from './processes.ts';
import { ensureTools, ROUNDS, startNginx, WRK, wrkAgainstNginx } from './serving.ts';
import { kb, median, ms, rps } from './stats.ts';
import type { Row } from './table.ts';

const AVATARS = 6;

async function uploadOne(endpoint: Endpoint, body: Buffer): Promise<{ ms: number; path: string }> {
  const started = performance.now();
  const response = await endpoint.upload(body);
  const json = (await response.json()) as { url?: string; error?: { code: string } };
  if (response.status !== 201 || !json.url) throw new Error(`upload answered ${response.status} ${json.error?.code ?? ''}`);
  return { ms: performance.now() - started, path: new URL(json.url).pathname };
}

async function timedGet(url: string): Promise<{ ms: number; bytes: Buffer }> {
  const started = performance.now();
  const response = await fetch(url);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return { ms: performance.now() - started, bytes };
}

/**
 * Serving from a real SeaweedFS bucket through the endpoint (STORAGE=s3), and what stored variants
 * (STORE_VARIANTS) cost and save, next to nginx serving the same files from disk. Two replicas share
 * the bucket: one stores variants, one computes them; a third-party CDN or the bucket itself would
 * serve the stored files like nginx does.
 */
export async function s3ServingRows(input: Input): Promise<Row[]> {
  const section = `Server: serving from S3 (SeaweedFS, STORAGE=s3), wrk ${WRK.join(' ')} (${ROUNDS} rounds, medians)`;
  if (!ensureTools()) return [{ section, what: 'requests/s vs nginx', value: 'not measured: wrk or nginx missing', baseline: '—', goal: '≥ 0.50x', pass: false }];
  const weed = await startSeaweedfs();
  const endpoints: Endpoint[] = [];
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  try {
    await weed.createBucket('serving');
    const s3 = { ...(weed.env('serving') as Record<string, string>), S3_TIMEOUT_MS: '10000', LOG_LEVEL: 'warn' };
    const cached = await startEndpoint('sharp', { ...s3, STORE_VARIANTS: 'true' });
    // No memory cache: every request goes to the bucket (a replica that has never served this avatar).
    const storing = await startEndpoint('sharp', { ...s3, STORE_VARIANTS: 'true', VARIANT_CACHE_MB: '0' });
    const computing = await startEndpoint('sharp', { ...s3, STORE_VARIANTS: 'false', VARIANT_CACHE_MB: '0' });
    endpoints.push(cached, storing, computing);

    // Upload cost, interleaved: with stored variants (10 resizes + 10 PUTs more) and without.
    const body = jsonBody(input.bytes, input.type);
    await uploadOne(storing, body);
    await uploadOne(computing, body);
    const uploads = { storing: [] as number[], computing: [] as number[] };
    const paths: string[] = [];
    for (let i = 0; i < AVATARS; i++) {
      const stored = await uploadOne(storing, body);
      uploads.storing.push(stored.ms);
      paths.push(stored.path);
      uploads.computing.push((await uploadOne(computing, body)).ms);
    }

    // First request of ?size=256 on a replica that has nothing cached: a read of the stored variant vs a read of the avatar and a resize.
    const first = { stored: [] as number[], computed: [] as number[] };
    for (const path of paths) {
      first.stored.push((await timedGet(`${storing.url}${path}?size=256`)).ms);
      first.computed.push((await timedGet(`${computing.url}${path}?size=256`)).ms);
    }

    const path = paths[0]!;
    const full = (await timedGet(`${cached.url}${path}`)).bytes;
    const small = (await timedGet(`${cached.url}${path}?size=256`)).bytes;
    const smallPath = path.replace('.png', '-256.png');
    nginx = await startNginx(new Map([[path, full], [smallPath, small]]));
    const id = (value: string) => value.replace(/[a-f0-9]{32}/, '<id>');
    const cases = [
      { what: `GET ${id(path)} (1024 px, ${kb(full.length)}), replica cache warm`, ours: `${cached.url}${path}`, theirs: `${nginx.url}${path}`, goal: true },
      { what: 'GET the same, every request read from the bucket (VARIANT_CACHE_MB=0)', ours: `${storing.url}${path}`, theirs: `${nginx.url}${path}`, goal: false },
      { what: `GET …?size=256 (${kb(small.length)}), stored variant read from the bucket each time`, ours: `${storing.url}${path}?size=256`, theirs: `${nginx.url}${smallPath}`, goal: false },
    ];
    const results = wrkAgainstNginx(cases);
    const served: Row[] = cases.map(({ what, goal }, i) => {
      const { ours, theirs } = results[i]!;
      const ratio = ours / theirs;
      return { section, what, value: rps(ours), baseline: `${rps(theirs)} (nginx, same file)`, ratio, goal: goal ? '≥ 0.50x' : 'measured', ...(goal ? { pass: ratio >= 0.5 } : {}) };
    });
    const storedFirst = median(first.stored);
    const computedFirst = median(first.computed);
    const storingUpload = median(uploads.storing);
    const computingUpload = median(uploads.computing);
    return [
      ...served,
      { section, what: `first ?size=256 on a replica with nothing cached (${AVATARS} avatars): stored variant vs computed`, value: ms(storedFirst), baseline: `${ms(computedFirst)} (STORE_VARIANTS=false: read avatar + resize)`, ratio: storedFirst / computedFirst, goal: '< 1.00x', pass: storedFirst < computedFirst },
      { section, what: `upload ${input.name} with STORE_VARIANTS=true (10 variants resized and stored)`, value: ms(storingUpload), baseline: `${ms(computingUpload)} (STORE_VARIANTS=false)`, ratio: storingUpload / computingUpload, goal: 'measured' },
    ];
  } finally {
    await nginx?.stop();
    for (const endpoint of endpoints) await endpoint.stop();
    await weed.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { realInput } = await import('./inputs.ts');
  const { textTable } = await import('./table.ts');
  console.log(textTable(['authentik-avatars: serving from S3 bench'], await s3ServingRows(realInput('rocket.jpg', 'image/jpeg'))));
}
