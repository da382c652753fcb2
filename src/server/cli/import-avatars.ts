import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { AvatarError, errors } from '../errors.ts';
import { checkUpload } from '../intake/prepare.ts';
import { createProcessor } from '../processors/create-processor.ts';
import type { Processor } from '../processors/processor.ts';
import { verifyOutput } from '../processors/verify-output.ts';
import { sha256, type AvatarStore } from '../storage/avatar-store.ts';
import { createStore } from '../storage/create-store.ts';

/**
 * The upgrade path from the original tutorial, which stored avatars in authentik's /media/user-avatars:
 * every PNG, JPEG, WebP and SVG file below a folder goes through the endpoint's own intake, processor
 * and store, and comes out as a stable URL. Configured by the same environment as the endpoint.
 *
 *   npx tsx src/server/cli/import-avatars.ts <folder> [--json]
 *
 * Prints `old-name -> <PUBLIC_URL>/avatars/<id>.png` (or `old-name -> error: <why>`) per file, or with
 * --json one object `{"imported": {old-name: url}, "failed": {old-name: why}}`. Exits 1 if any file failed.
 */
export const IMPORTED_EXTENSIONS = /\.(png|jpe?g|webp|svg)$/i;

export type ImportResult = { name: string; url: string } | { name: string; error: string };

/** Candidate files below `folder`, as sorted paths relative to it; hidden entries and symlinks are skipped. */
export async function findAvatarFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && IMPORTED_EXTENSIONS.test(entry.name)) found.push(relative(folder, path));
    }
  };
  await walk(folder);
  return found.sort();
}

/**
 * Each file becomes an avatar of its own (identical files included), owned by `import:<name>` until the
 * orphan sweep sees which user names it and hands it to that user. Safe to run twice.
 */
async function importOne(name: string, path: string, config: Config, processor: Processor, store: AvatarStore): Promise<string> {
  if ((await stat(path)).size > config.maxUploadBytes) throw errors.tooLarge(config.maxUploadBytes);
  const image = await checkUpload(await readFile(path), config, processor.workers);
  const png = await processor.normalize(image);
  await verifyOutput(png, config.outputSize);
  const owner = `import:${encodeURIComponent(name).slice(0, 240)}`;
  // Importing again gives the same URL: the file's earlier import, if it is still there unchanged.
  const digest = sha256(png);
  for (const id of await store.ownedBy(owner)) {
    if ((await store.record(id))?.sha256 === digest && (await store.exists(id))) return `${config.publicUrl}/avatars/${id}.png`;
  }
  return `${config.publicUrl}/avatars/${(await store.save(png, owner)).id}.png`;
}

/** Normalizes and stores every avatar file below `folder`, one at a time; a bad file never stops the rest. */
export async function importAvatars(folder: string, config: Config, processor: Processor): Promise<ImportResult[]> {
  const store = createStore(config.storage);
  await store.open();
  const results: ImportResult[] = [];
  for (const name of await findAvatarFiles(folder)) {
    try {
      results.push({ name, url: await importOne(name, join(folder, name), config, processor, store) });
    } catch (error) {
      const message = error instanceof AvatarError ? error.message : `unexpected error: ${(error as Error).message}`;
      results.push({ name, error: message });
    }
  }
  return results;
}

export function formatLines(results: ImportResult[]): string {
  return results.map((result) => `${result.name} -> ${'url' in result ? result.url : `error: ${result.error}`}`).join('\n');
}

export function formatJson(results: ImportResult[]): string {
  const imported: Record<string, string> = {};
  const failed: Record<string, string> = {};
  for (const result of results) {
    if ('url' in result) imported[result.name] = result.url;
    else failed[result.name] = result.error;
  }
  return JSON.stringify({ imported, failed }, null, 2);
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const folders = argv.filter((arg) => arg !== '--json');
  if (folders.length !== 1 || folders[0]!.startsWith('-')) {
    console.error('usage: import-avatars.ts <folder> [--json]   (configured by the endpoint environment: DATA_DIR, PUBLIC_URL, PROCESSOR...)');
    return 2;
  }
  const folder = folders[0]!;
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`import-avatars: configuration error: ${error.message}`);
    return 1;
  }
  if (!process.env.PUBLIC_URL) console.error(`import-avatars: PUBLIC_URL is not set, so the new URLs start with ${config.publicUrl}`);

  let processor: Processor;
  try {
    processor = await createProcessor(config);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`import-avatars: the imgproxy source port ${config.imgproxy?.sourcePort} is taken (is the endpoint running here?). Run the import with PROCESSOR=sharp.`);
    return 1;
  }
  try {
    const results = await importAvatars(folder, config, processor);
    if (results.length === 0) {
      console.error(`import-avatars: no PNG, JPEG, WebP or SVG files below ${folder}`);
      return 1;
    }
    console.log(json ? formatJson(results) : formatLines(results));
    const failed = results.filter((result) => 'error' in result).length;
    console.error(`import-avatars: ${results.length - failed} of ${results.length} files stored in ${join(config.dataDir, 'avatars')}`);
    return failed ? 1 : 0;
  } catch (error) {
    console.error(`import-avatars: cannot read ${folder}: ${(error as Error).message}`);
    return 1;
  } finally {
    await processor.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
