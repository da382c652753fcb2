import type { StorageConfig } from '../config.ts';
import { AvatarStore } from './avatar-store.ts';
import { FileBlobStore } from './file-blob-store.ts';
import { S3BlobStore } from './s3-blob-store.ts';

/** The avatar store the configuration names (`STORAGE=file` or `s3`, `STORE_VARIANTS`), not yet opened. */
export function createStore(storage: StorageConfig): AvatarStore {
  return new AvatarStore(storage.kind === 's3' ? new S3BlobStore(storage) : new FileBlobStore(storage.dataDir), storage.storeVariants);
}
