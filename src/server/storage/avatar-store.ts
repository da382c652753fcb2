import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const ID = /^[a-f0-9]{32}$/;

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

  async save(png: Buffer): Promise<string> {
    const id = createHash('sha256').update(png).digest('hex').slice(0, 32);
    const temporary = join(this.folder, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(temporary, 'wx', 0o644);
    try {
      await file.writeFile(png);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await file.close();
    await rename(temporary, this.pathOf(id));
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
