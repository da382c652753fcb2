import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { errors } from '../errors.ts';
import { assertKey, type BlobStore, type StoredObject } from './blob-store.ts';

/** No space left on the device, or the user's disk quota is used up. */
function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/**
 * Objects as files below one folder (`STORAGE=file`). Writes go to a hidden temporary file in the
 * target's folder, are fsynced, then renamed into place, so a reader sees either nothing or the whole file.
 */
export class FileBlobStore implements BlobStore {
  readonly kind = 'file';

  constructor(readonly root: string) {}

  pathOf(key: string): string {
    assertKey(key);
    return join(this.root, ...key.split('/'));
  }

  /** Creates the folder and removes temporary files a crash may have left behind. */
  async open(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    for (const entry of await readdir(this.root, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.startsWith('.') && entry.name.endsWith('.tmp')) await rm(join(entry.parentPath, entry.name), { force: true });
    }
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    const folder = dirname(target);
    const temporary = join(folder, `.${randomBytes(8).toString('hex')}.tmp`);
    let file: FileHandle | undefined;
    try {
      file = await openInFolder(folder, temporary);
      await file.writeFile(bytes);
      await file.sync();
      await file.close();
      file = undefined;
      await rename(temporary, target);
      await syncFolder(folder);
    } catch (error) {
      await file?.close().catch(() => {});
      await rm(temporary, { force: true });
      throw isDiskFull(error) ? errors.storageFull() : error;
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      (info) => info.isFile(),
      () => false,
    );
  }

  /** Removes the file, and its folder when that is now empty and below a top-level one (`avatars/<id>/`, `owners/<hash>/`). */
  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    if (key.split('/').length > 2) await rmdir(dirname(path)).catch(() => {}); // not empty, or already gone
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const base = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
    const folder = base ? this.pathOf(base) : this.root;
    let entries;
    try {
      entries = await readdir(folder, { recursive: true, withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      const path = join(entry.parentPath, entry.name);
      const info = await stat(path).catch(() => undefined);
      if (!info) continue; // removed while listing
      yield { key: relative(this.root, path).split(sep).join('/'), size: info.size, modified: info.mtime };
    }
  }

  async healthy(): Promise<boolean> {
    return stat(this.root).then(
      (info) => info.isDirectory(),
      () => false,
    );
  }

  async close(): Promise<void> {}
}

/** A new file in `folder`, created if missing; a delete may remove the emptied folder in between, so that is retried. */
async function openInFolder(folder: string, path: string): Promise<FileHandle> {
  for (let attempt = 0; ; attempt++) {
    await mkdir(folder, { recursive: true });
    try {
      return await open(path, 'wx', 0o644);
    } catch (error) {
      if (!isMissing(error) || attempt >= 3) throw error;
    }
  }
}

async function syncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
