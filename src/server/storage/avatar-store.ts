import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { errors } from '../errors.ts';

const ID = /^[a-f0-9]{32}$/;

/** No space left on the device, or the user's disk quota is used up. */
function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

export function isAvatarId(value: string): boolean {
  return ID.test(value);
}

/**
 * Normalized avatars on disk, one `<id>.png` per avatar, named by the hash of its content.
 * Writes go to a hidden temporary file in the same folder, are fsynced, then renamed into place,
 * so a reader sees either nothing or the whole file.
 */
export class AvatarStore {
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'avatars');
  }

  /** Creates the folder and removes temporary files a crash may have left behind. */
  async open(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    for (const name of await readdir(this.folder)) {
      if (name.startsWith('.') && name.endsWith('.tmp')) await rm(join(this.folder, name), { force: true });
    }
  }

  pathOf(id: string): string {
    if (!isAvatarId(id)) throw new Error(`not an avatar id: ${id}`);
    return join(this.folder, `${id}.png`);
  }

  /**
   * Stores a PNG durably and returns its id. On any failure the temporary file is removed, so nothing
   * half-written remains; a full disk (or quota) is reported as a 507 the uploader can understand.
   */
  async save(png: Buffer): Promise<string> {
    const id = createHash('sha256').update(png).digest('hex').slice(0, 32);
    const temporary = join(this.folder, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
    let file: FileHandle | undefined;
    try {
      file = await open(temporary, 'wx', 0o644);
      await file.writeFile(png);
      await file.sync();
      await file.close();
      file = undefined;
      await rename(temporary, this.pathOf(id));
    } catch (error) {
      await file?.close().catch(() => {});
      await rm(temporary, { force: true });
      throw isDiskFull(error) ? errors.storageFull() : error;
    }
    await this.#syncFolder();
    return id;
  }

  async exists(id: string): Promise<boolean> {
    if (!isAvatarId(id)) return false;
    return stat(this.pathOf(id)).then(
      (info) => info.isFile(),
      () => false,
    );
  }

  /** Deletes an avatar; deleting one that is already gone is not an error. */
  async delete(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }

  async #syncFolder(): Promise<void> {
    const folder = await open(this.folder, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}
