import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { BlobStore, StoredObject } from './blob-store.ts';
import { FileBlobStore } from './file-blob-store.ts';

const ID = /^[a-f0-9]{32}$/;

export function isAvatarId(value: string): boolean {
  return ID.test(value);
}

/** 128 random bits: every upload gets its own id, whatever its bytes (ids are never content hashes). */
export function newAvatarId(): string {
  return randomBytes(16).toString('hex');
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Who an avatar belongs to and when it was stored; kept beside the image, never served. */
export const avatarRecord = z.object({
  id: z.string().regex(ID),
  owner: z.string().min(1),
  created: z.string().datetime(),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  bytes: z.number().int().nonnegative(),
});
export type AvatarRecord = z.infer<typeof avatarRecord>;

/** One stored image, with its record when it has one (files from before ownership have none). */
export interface StoredAvatar {
  id: string;
  bytes: number;
  modified: Date;
  record: AvatarRecord | undefined;
}

const imageKey = (id: string) => `avatars/${id}.png`;
const variantFolder = (id: string) => `avatars/${id}/`;
const variantKey = (id: string, size: number) => `${variantFolder(id)}${size}.png`;
const VARIANT_KEY = /^avatars\/([a-f0-9]{32})\/(\d+)\.png$/;
const recordKey = (id: string) => `records/${id}.json`;
/** Owners are arbitrary strings; their index folder is named by a hash so any owner is a valid key. */
const ownerFolder = (owner: string) => `owners/${createHash('sha256').update(owner).digest('hex').slice(0, 32)}/`;

/** A `?size=` square of an avatar, stored beside it. */
export interface StoredVariant {
  size: number;
  png: Buffer;
}

/**
 * Avatars and their owners on a blob store:
 *   avatars/<id>.png        the public image
 *   avatars/<id>/<size>.png its `?size=` variants, when stored (STORE_VARIANTS), so a bucket or CDN
 *                           can serve `/avatars/<id>.png?size=N` rewritten to `/avatars/<id>/N.png`
 *   records/<id>.json       its owner, creation time and digest
 *   owners/<hash>/<id>      one empty marker per avatar an owner has, so "this owner's avatars" is one listing
 * Writes go record first, image second, marker last; a crash in between leaves only something the
 * orphan sweep removes, never an image that belongs to no one it can find.
 */
export class AvatarStore {
  /** `storesVariants`: uploads store their `?size=` variants and the public route reads them (STORE_VARIANTS). */
  constructor(
    readonly blobs: BlobStore,
    readonly storesVariants = false,
  ) {}

  /** The store of the embedded default: a folder (`DATA_DIR`). */
  static inFolder(dataDir: string): AvatarStore {
    return new AvatarStore(new FileBlobStore(dataDir));
  }

  open(): Promise<void> {
    return this.blobs.open();
  }

  /** Path of the image file (folder stores only). */
  pathOf(id: string): string {
    if (!isAvatarId(id)) throw new Error(`not an avatar id: ${id}`);
    if (!(this.blobs instanceof FileBlobStore)) throw new Error('pathOf() needs a folder store');
    return this.blobs.pathOf(imageKey(id));
  }

  async read(id: string): Promise<Buffer | undefined> {
    return isAvatarId(id) ? this.blobs.get(imageKey(id)) : undefined;
  }

  async exists(id: string): Promise<boolean> {
    return isAvatarId(id) && this.blobs.exists(imageKey(id));
  }

  /**
   * Stores a PNG as a new avatar of `owner`, with its `variants` when given, and returns its record.
   * Nothing is left behind when a write fails: the record, image and variants written so far go again.
   */
  async save(png: Buffer, owner: string, now = new Date(), variants: readonly StoredVariant[] = []): Promise<AvatarRecord> {
    const record: AvatarRecord = { id: newAvatarId(), owner, created: now.toISOString(), sha256: sha256(png), bytes: png.length };
    await this.blobs.put(recordKey(record.id), Buffer.from(JSON.stringify(record)));
    try {
      await this.blobs.put(imageKey(record.id), png);
      // Settled, not Promise.all: the clean-up below must not run while sibling writes are still landing.
      const written = await Promise.allSettled(variants.map((variant) => this.blobs.put(variantKey(record.id, variant.size), variant.png)));
      const failed = written.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      await this.blobs.put(ownerFolder(owner) + record.id, Buffer.alloc(0));
    } catch (error) {
      await this.delete(record.id).catch(() => {});
      throw error;
    }
    return record;
  }

  /** A stored `?size=` variant, or undefined when none is stored. */
  async readVariant(id: string, size: number): Promise<Buffer | undefined> {
    return isAvatarId(id) ? this.blobs.get(variantKey(id, size)) : undefined;
  }

  /**
   * Stores one variant of an existing avatar (one computed on request, for avatars stored without
   * them). When the avatar turns out to be gone afterwards (removed meanwhile), the removal is
   * finished here, so the variant does not outlive it; a crash in between leaves it to the sweep.
   */
  async saveVariant(id: string, size: number, png: Buffer): Promise<void> {
    if (!isAvatarId(id)) throw new Error(`not an avatar id: ${id}`);
    await this.blobs.put(variantKey(id, size), png);
    if (!(await this.exists(id))) await this.delete(id);
  }

  /** Sizes of the variants stored for an avatar. */
  async variantSizes(id: string): Promise<number[]> {
    if (!isAvatarId(id)) return [];
    const sizes: number[] = [];
    for await (const object of this.blobs.list(variantFolder(id))) {
      const match = VARIANT_KEY.exec(object.key);
      if (match?.[1] === id) sizes.push(Number(match[2]));
    }
    return sizes.sort((a, b) => a - b);
  }

  /** The record of an avatar, or undefined (no such avatar, or one stored before owners were recorded). */
  async record(id: string): Promise<AvatarRecord | undefined> {
    if (!isAvatarId(id)) return undefined;
    const raw = await this.blobs.get(recordKey(id));
    if (!raw) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return undefined; // a damaged record proves no ownership: treated like an avatar without one
    }
    const parsed = avatarRecord.safeParse(json);
    return parsed.success && parsed.data.id === id ? parsed.data : undefined;
  }

  /** Ids of every avatar recorded for `owner`. */
  async ownedBy(owner: string): Promise<string[]> {
    const folder = ownerFolder(owner);
    const ids: string[] = [];
    for await (const object of this.blobs.list(folder)) {
      const id = object.key.slice(folder.length);
      if (isAvatarId(id)) ids.push(id);
    }
    return ids;
  }

  /** Gives an avatar to another owner (an enrollment's pending upload, once its user exists). */
  async transfer(id: string, owner: string): Promise<AvatarRecord | undefined> {
    const record = await this.record(id);
    if (!record || record.owner === owner) return record;
    const moved = { ...record, owner };
    await this.blobs.put(ownerFolder(owner) + id, Buffer.alloc(0));
    await this.blobs.put(recordKey(id), Buffer.from(JSON.stringify(moved)));
    await this.blobs.delete(ownerFolder(record.owner) + id);
    return moved;
  }

  /**
   * Deletes an avatar with its variants, record and marker; deleting one that is already gone is not
   * an error. The image goes first and its variants are listed after it is gone: a variant filled in
   * meanwhile is either in that listing or sees the image missing in `saveVariant` and removes itself.
   * A crash part-way leaves a record or variants without an image, which are never served (a stored
   * variant is served only beside its image) and which `list()` hands to the sweep.
   */
  async delete(id: string): Promise<void> {
    if (!isAvatarId(id)) return;
    const record = await this.record(id).catch(() => undefined);
    await this.blobs.delete(imageKey(id));
    await Promise.all((await this.variantSizes(id)).map((size) => this.blobs.delete(variantKey(id, size))));
    if (record) await this.blobs.delete(ownerFolder(record.owner) + id);
    await this.blobs.delete(recordKey(id));
  }

  /**
   * Every stored avatar with its record, plus records whose image is missing (a crash between the
   * two writes) and variants whose avatar is gone (a variant filled in while it was deleted) as
   * entries of 0 bytes, so the sweep removes them too.
   */
  async list(): Promise<StoredAvatar[]> {
    const images = new Map<string, StoredObject>();
    const strayVariants = new Map<string, StoredObject>();
    for await (const object of this.blobs.list('avatars/')) {
      const variant = VARIANT_KEY.exec(object.key)?.[1];
      if (variant) {
        if ((strayVariants.get(variant)?.modified ?? new Date(0)) < object.modified) strayVariants.set(variant, object);
        continue;
      }
      const id = object.key.slice('avatars/'.length).replace(/\.png$/, '');
      if (isAvatarId(id) && object.key.endsWith('.png')) images.set(id, object);
    }
    const found: StoredAvatar[] = [];
    const seen = new Set<string>();
    for await (const object of this.blobs.list('records/')) {
      const id = object.key.slice('records/'.length).replace(/\.json$/, '');
      if (!isAvatarId(id)) continue;
      seen.add(id);
      const image = images.get(id);
      found.push({ id, bytes: image?.size ?? 0, modified: image?.modified ?? object.modified, record: await this.record(id).catch(() => undefined) });
    }
    for (const [id, image] of images) if (!seen.has(id)) found.push({ id, bytes: image.size, modified: image.modified, record: undefined });
    for (const [id, variant] of strayVariants) if (!seen.has(id) && !images.has(id)) found.push({ id, bytes: 0, modified: variant.modified, record: undefined });
    return found;
  }

  healthy(): Promise<boolean> {
    return this.blobs.healthy();
  }

  close(): Promise<void> {
    return this.blobs.close();
  }
}
