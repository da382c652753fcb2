import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Env, type StorageConfig } from '../config.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { sha256 } from '../storage/avatar-store.ts';
import { createStore } from '../storage/create-store.ts';

/**
 * Copies every avatar, record and owner marker between the folder store (`DATA_DIR`) and the bucket
 * (`S3_*`), in the endpoint's environment. Each object is read back from the target and compared by
 * SHA-256; objects already there with the same digest are left alone, so running it twice is safe.
 * Nothing is ever deleted from the source.
 *
 *   npx tsx src/server/cli/migrate-store.ts --to s3     folder -> bucket
 *   npx tsx src/server/cli/migrate-store.ts --to file   bucket -> folder
 */
const PREFIXES = ['records/', 'avatars/', 'owners/'];

export interface MigrationResult {
  copied: number;
  alreadyThere: number;
  failed: string[];
}

export async function migrate(source: BlobStore, target: BlobStore): Promise<MigrationResult> {
  const result: MigrationResult = { copied: 0, alreadyThere: 0, failed: [] };
  // Records before images before markers: the same order as an upload, so a stop halfway leaves only what the orphan sweep tidies.
  for (const prefix of PREFIXES) {
    for await (const { key } of source.list(prefix)) {
      try {
        const bytes = await source.get(key);
        if (!bytes) continue; // removed while migrating
        const digest = sha256(bytes);
        const existing = await target.get(key);
        if (existing && sha256(existing) === digest) {
          result.alreadyThere += 1;
          continue;
        }
        await target.put(key, bytes);
        const written = await target.get(key);
        if (!written || sha256(written) !== digest) throw new Error('the copy read back differs from the source');
        result.copied += 1;
      } catch (error) {
        result.failed.push(`${key}: ${(error as Error).message}`);
      }
    }
  }
  return result;
}

export async function main(argv: string[], env: Env = process.env, print = console.log, warn = console.error): Promise<number> {
  const to = argv[0] === '--to' && argv.length === 2 ? argv[1] : undefined;
  if (to !== 's3' && to !== 'file') {
    warn('usage: migrate-store.ts --to s3 | --to file   (folder DATA_DIR <-> bucket S3_*)');
    return 2;
  }
  let file: StorageConfig;
  let s3: StorageConfig;
  try {
    file = loadConfig({ ...env, STORAGE: 'file' }).storage;
    s3 = loadConfig({ ...env, STORAGE: 's3' }).storage;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    warn(`migrate-store: configuration error: ${error.message}`);
    return 1;
  }
  const [source, target] = to === 's3' ? [createStore(file), createStore(s3)] : [createStore(s3), createStore(file)];
  try {
    await source.open();
    await target.open();
    const result = await migrate(source.blobs, target.blobs);
    print(`migrate-store: ${result.copied} objects copied and verified, ${result.alreadyThere} already there, ${result.failed.length} failed`);
    for (const failure of result.failed) warn(`  failed: ${failure}`);
    return result.failed.length ? 1 : 0;
  } catch (error) {
    warn(`migrate-store: ${(error as Error).message}`);
    return 1;
  } finally {
    await source.close();
    await target.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
