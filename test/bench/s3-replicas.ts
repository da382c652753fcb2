import sharp from 'sharp';
import { loadConfig } from '../../src/server/config.ts';
import { createStore } from '../../src/server/storage/create-store.ts';
import { storedVariantSizes } from '../../src/server/stored-variants.ts';
import { startSeaweedfs } from '../support/seaweedfs.ts';
import { CLIENT_FIXTURES, realInput } from './inputs.ts';
import { startEndpoint } from './processes.ts';
import { runConcurrent } from './stats.ts';
import { textTable, type Row } from './table.ts';

const isAvatarPng = async (bytes: Buffer) => {
  const meta = await sharp(bytes).metadata().catch(() => undefined);
  return meta?.format === 'png' && meta.width === 1024 && meta.height === 1024;
};

/**
 * `total` uploads at concurrency 32, alternating between two endpoint replicas on one real SeaweedFS
 * bucket; every 201 URL is then fetched from the OTHER replica, and every object under avatars/ in
 * the bucket decoded. lost = a 201 whose URL does not serve a 1024x1024 PNG there; corrupt = a stored
 * object that is not one; each avatar's stored variants are counted too.   npx tsx test/bench/s3-replicas.ts [total]
 */
export async function s3ReplicaRows(total = 500): Promise<Row[]> {
  const weed = await startSeaweedfs();
  await weed.createBucket('bench');
  const env = { ...weed.env('bench'), S3_TIMEOUT_MS: '10000', MAX_QUEUE: '64', LOG_LEVEL: 'warn' } as Record<string, string>;
  const replicas = [await startEndpoint('sharp', env), await startEndpoint('sharp', env)];
  try {
    const images = CLIENT_FIXTURES.map(([name, type]) => `data:${type};base64,${realInput(name, type).bytes.toString('base64')}`);
    // One owner per upload, as 500 people saving: one owner's uploads tidy that owner's avatars older than 10 minutes (by design).
    const bodyOf = (index: number) => Buffer.from(JSON.stringify({ image: images[index % images.length], owner: `user:00000000-0000-4000-8000-${String(index).padStart(12, '0')}` }));
    const { results, wallMs } = await runConcurrent(total, 32, async (index) => {
      const response = await replicas[index % 2]!.upload(bodyOf(index));
      const json = (await response.json().catch(() => ({}))) as { url?: string; error?: { code: string } };
      return { status: response.status, code: json.error?.code, url: json.url, other: replicas[(index + 1) % 2]! };
    });
    let lost = 0;
    for (const { value } of results) {
      if (value.status !== 201 || !value.url) continue;
      const response = await fetch(value.other.url + new URL(value.url).pathname).catch(() => undefined);
      if (!response?.ok || !(await isAvatarPng(Buffer.from(await response.arrayBuffer())))) lost++;
    }
    const store = createStore(loadConfig(weed.env('bench')).storage);
    let corrupt = 0;
    let objects = 0;
    let withAllVariants = 0;
    const expectedVariants = storedVariantSizes(1024).join(',');
    for (const avatar of await store.list()) {
      objects++;
      const bytes = await store.read(avatar.id);
      if (!bytes || !(await isAvatarPng(bytes))) corrupt++;
      if ((await store.variantSizes(avatar.id)).join(',') === expectedVariants) withAllVariants++;
    }
    await store.close();
    const created = results.filter((result) => result.value.status === 201).length;
    const statuses = [...new Set(results.map((result) => `${result.value.status}${result.value.code ? ` ${result.value.code}` : ''}`))].sort().join(', ');
    const section = 'Server: two replicas on one SeaweedFS bucket (STORAGE=s3, sharp), 32 concurrent JSON uploads';
    return [
      { section, what: `${total} uploads spread over two replicas: answers`, value: `201: ${created} (statuses ${statuses})`, baseline: `${(wallMs / 1000).toFixed(0)} s, ${((total * 1000) / wallMs).toFixed(1)}/s`, goal: 'all 201 or 503', pass: results.every((result) => result.value.status === 201 || result.value.status === 503) },
      { section, what: 'lost (201 URL not serving a 1024² PNG from the other replica) / corrupt stored objects', value: `${lost} / ${corrupt}`, baseline: `${objects} avatars in the bucket`, goal: '0 / 0', pass: lost === 0 && corrupt === 0 && objects === created },
      { section, what: 'avatars with all their stored variants (STORE_VARIANTS default with STORAGE=s3)', value: `${withAllVariants}`, baseline: `${objects} avatars in the bucket`, goal: 'all', pass: withAllVariants === objects },
    ];
  } finally {
    for (const replica of replicas) await replica.stop();
    await weed.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await s3ReplicaRows(Number(process.argv[2] ?? 500));
  console.log(textTable(['authentik-avatars: S3 replicas bench'], rows));
}
