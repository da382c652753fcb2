import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { S3Config } from '../config.ts';
import { assertKey, type BlobStore, type StoredObject } from './blob-store.ts';
import { StorageUnavailable } from './storage-unavailable.ts';

const CONTENT_TYPES: Record<string, string> = { png: 'image/png', json: 'application/json' };

function contentTypeOf(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1);
  return key.includes('.') ? (CONTENT_TYPES[extension] ?? 'application/octet-stream') : 'application/octet-stream';
}

/** "No such object": every other failure means the storage cannot be trusted right now. */
function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
}

/**
 * Objects in an S3-compatible bucket (`STORAGE=s3`), below `S3_PREFIX`. A PUT is atomic on S3, so a
 * reader sees the whole object or none; each PUT carries its Content-MD5, so bytes damaged or cut
 * on the way are refused by the bucket instead of stored. Requests are bounded by `S3_TIMEOUT_MS`
 * and tried at most twice, so a dead or paused bucket costs an upload seconds, not minutes.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  readonly #client: S3Client;

  constructor(readonly config: S3Config) {
    this.#client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
      maxAttempts: 2,
      // Third-party S3 services differ in the newer flexible checksums; Content-MD5 is understood by all.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: Math.max(100, Math.round(config.timeoutMs / 5)),
        requestTimeout: config.timeoutMs,
        throwOnRequestTimeout: true,
      },
    });
  }

  keyOf(key: string): string {
    assertKey(key);
    return this.config.prefix + key;
  }

  async #send<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof StorageUnavailable) throw error;
      throw new StorageUnavailable(`S3 ${what} failed`, { cause: error });
    }
  }

  /** Checks that the bucket exists and the credentials may use it. */
  async open(): Promise<void> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
    } catch (error) {
      const status = (error as S3ServiceException).$metadata?.httpStatusCode;
      const where = `bucket ${JSON.stringify(this.config.bucket)} at ${this.config.endpoint ?? 'AWS S3'}`;
      if (status === 404) throw new Error(`S3_BUCKET: the ${where} does not exist; create it first`, { cause: error });
      if (status === 403) throw new Error(`S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: access to the ${where} was refused`, { cause: error });
      throw new Error(`S3_ENDPOINT: the ${where} could not be reached: ${(error as Error).message}`, { cause: error });
    }
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const Key = this.keyOf(key);
    await this.#send(`PUT ${Key}`, () =>
      this.#client.send(
        new PutObjectCommand({
          Bucket: this.config.bucket,
          Key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: contentTypeOf(key),
          // Images and variants never change at their key: a CDN or the bucket serving them may cache them forever.
          ...(key.endsWith('.png') ? { CacheControl: 'public, max-age=31536000, immutable' } : {}),
          ContentMD5: createHash('md5').update(bytes).digest('base64'),
        }),
      ),
    );
  }

  async get(key: string): Promise<Buffer | undefined> {
    const Key = this.keyOf(key);
    return this.#send(`GET ${Key}`, async () => {
      try {
        const answer = await this.#client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key }));
        const bytes = Buffer.from((await answer.Body?.transformToByteArray()) ?? []);
        if (answer.ContentLength !== undefined && bytes.length !== answer.ContentLength) throw new Error(`GET ${Key}: ${bytes.length} of ${answer.ContentLength} bytes`);
        return bytes;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    });
  }

  async exists(key: string): Promise<boolean> {
    const Key = this.keyOf(key);
    return this.#send(`HEAD ${Key}`, async () => {
      try {
        await this.#client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    });
  }

  async delete(key: string): Promise<void> {
    const Key = this.keyOf(key);
    await this.#send(`DELETE ${Key}`, () => this.#client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key })));
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    if (prefix) assertKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
    const Prefix = this.config.prefix + prefix;
    let ContinuationToken: string | undefined;
    do {
      const page = await this.#send(`LIST ${Prefix}`, () => this.#client.send(new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix, ContinuationToken })));
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield { key: object.Key.slice(this.config.prefix.length), size: object.Size ?? 0, modified: object.LastModified ?? new Date(0) };
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  async healthy(): Promise<boolean> {
    return this.#client.send(new HeadBucketCommand({ Bucket: this.config.bucket })).then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }
}
