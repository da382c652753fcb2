/** One object in a blob store, as a listing returns it. */
export interface StoredObject {
  key: string;
  size: number;
  modified: Date;
}

/**
 * The few operations avatars need from a storage backend. Keys are `/`-separated paths of
 * `[a-z0-9._-]` segments. A `put` is all or nothing: a reader sees the whole object or none.
 */
export interface BlobStore {
  readonly kind: 'file' | 's3';
  /** Prepares the backend (folders, leftovers of a crash); throws when it cannot be used. */
  open(): Promise<void>;
  put(key: string, bytes: Buffer): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  exists(key: string): Promise<boolean>;
  /** Removes an object; removing one that is already gone is not an error. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, in no particular order. */
  list(prefix: string): AsyncIterable<StoredObject>;
  /** True when the backend answers right now. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

const SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;

/** Refuses keys that could name anything outside the store (`..`, absolute paths, odd characters). */
export function assertKey(key: string): void {
  const segments = key.split('/');
  if (segments.length === 0 || !segments.every((segment) => SEGMENT.test(segment) && !segment.includes('..'))) {
    throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  }
}
