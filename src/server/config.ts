import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import ms from 'ms';
import { z } from 'zod';

/**
 * Every setting of the endpoint, read from the environment once at start-up.
 * Each entry documents itself; the README's configuration reference is generated from this list.
 */
export const settings = {
  PORT: { default: '8080', doc: 'Port of the public HTTP listener.' },
  HOST: { default: '127.0.0.1', doc: 'Address to bind. Use `0.0.0.0` in a container.' },
  PUBLIC_URL: { default: 'http://HOST:PORT', doc: 'Base URL that returned avatar URLs start with (what browsers and apps reach).' },
  AVATARS_TOKEN: { default: '(generated in development)', doc: 'Bearer token for the upload API. Required when `NODE_ENV=production`.' },
  DATA_DIR: { default: './data', doc: 'Folder for stored avatars (created if missing), with `STORAGE=file`.' },
  STORAGE: { default: 'file', doc: 'Where avatars, their owner records and the owner index live: `file` (the `DATA_DIR` folder, one replica) or `s3` (an S3-compatible bucket that every replica shares).' },
  S3_ENDPOINT: { default: '(AWS)', doc: 'URL of the S3-compatible service, e.g. `http://seaweedfs:8333`, `https://<account>.r2.cloudflarestorage.com`. Empty means AWS S3 itself.' },
  S3_REGION: { default: 'us-east-1', doc: 'Region of the bucket (most S3-compatible services accept any value).' },
  S3_BUCKET: { default: '', doc: 'Bucket for the avatars; must exist. Required with `STORAGE=s3`.' },
  S3_PREFIX: { default: '', doc: 'Key prefix inside the bucket, e.g. `authentik-avatars/`, so the bucket can hold other things.' },
  S3_ACCESS_KEY_ID: { default: '(SDK default chain)', doc: 'Access key id. Give it together with `S3_SECRET_ACCESS_KEY`, or neither to use the AWS SDK\'s default credentials (environment, instance role).' },
  S3_SECRET_ACCESS_KEY: { default: '(SDK default chain)', doc: 'Secret access key of `S3_ACCESS_KEY_ID`.' },
  S3_FORCE_PATH_STYLE: { default: '`true` if `S3_ENDPOINT` is set', doc: 'Address the bucket as `<endpoint>/<bucket>` (SeaweedFS, Garage, MinIO) instead of `<bucket>.<endpoint>`.' },
  S3_TIMEOUT_MS: { default: '5000', doc: 'Longest one S3 request may take (connecting: a fifth of it); beyond it the upload or image request answers 503 with Retry-After. Each request is tried at most twice.' },
  S3_CACHE_MAX_AGE: { default: '1m', doc: 'With `STORAGE=s3`, how long a replica serves an avatar from its memory cache without asking the bucket; an avatar removed through another replica stops being served here within this time.' },
  STORE_VARIANTS: { default: '`true` with `STORAGE=s3`, else `false`', doc: 'Store every `?size=` variant (16 to 512 px) beside its avatar at upload (`avatars/<id>/<size>.png`), so replicas read them instead of resizing and the bucket or a CDN can serve them; an upload is answered once its variants are stored. Avatars stored before fill in on first request.' },
  PROCESSOR: { default: '`imgproxy` if `IMGPROXY_URL` is set, else `sharp`', doc: '`sharp` (in-process libvips) or `imgproxy`.' },
  OUTPUT_SIZE: { default: '1024', doc: 'Width and height of every stored avatar, in pixels (64 to 4096).' },
  MAX_UPLOAD_BYTES: { default: '10485760', doc: 'Largest accepted image, in decoded bytes.' },
  MAX_PIXELS: { default: '40000000', doc: 'Largest accepted image, in pixels, read from the header before decoding.' },
  MAX_CONCURRENT: { default: 'CPUs (sharp), 4 x CPUs (imgproxy)', doc: 'Images processed at the same time. With imgproxy the endpoint mostly waits, so more uploads may be in flight than it has CPUs.' },
  MAX_QUEUE: { default: '16', doc: 'Uploads allowed to wait for a free slot; beyond that the endpoint answers 503 with Retry-After.' },
  UPLOAD_MEMORY_MB: { default: '32', doc: 'Upload bodies held in memory at once, in megabytes; further uploads wait unread (up to `MAX_QUEUE` of them), then get 503 with Retry-After.' },
  VARIANT_CACHE_MB: { default: '64', doc: 'Memory for resized `?size=` variants and identicons, in megabytes.' },
  DECODE_TIMEOUT_MS: { default: '10000', doc: 'Longest one decode, rasterization or resize may take in its worker process; beyond it the worker is killed and the upload answered 422 "too complex".' },
  WORKER_MEMORY_MB: { default: '512', doc: 'Largest resident memory of one decode worker, in megabytes; beyond it the worker is killed and the upload answered 422 "too complex". There is one worker per `MAX_CONCURRENT` slot, at most one per CPU.' },
  SHUTDOWN_GRACE_MS: { default: '10000', doc: 'On SIGTERM, how long requests in progress may finish before their workers are killed and the server exits.' },
  BODY_IDLE_TIMEOUT_MS: { default: '10000', doc: 'An upload body that sends nothing for this long, or in one such window less than its share of the 60 s request deadline (at least 1 KB), is dropped and its memory reservation freed.' },
  IMGPROXY_URL: { default: '', doc: 'Base URL of imgproxy, e.g. `http://imgproxy:8080`.' },
  IMGPROXY_KEY: { default: '', doc: 'Hex signing key shared with imgproxy. Required in imgproxy mode.' },
  IMGPROXY_SALT: { default: '', doc: 'Hex signing salt shared with imgproxy. Required in imgproxy mode.' },
  IMGPROXY_TIMEOUT_MS: { default: '15000', doc: 'How long to wait for imgproxy before answering 503.' },
  SOURCE_HOST: { default: 'HOST', doc: 'Address of the private listener that hands uploads to imgproxy (imgproxy mode).' },
  SOURCE_PORT: { default: 'PORT + 1', doc: 'Port of that private listener. Never expose it publicly.' },
  SOURCE_URL: { default: 'http://SOURCE_HOST:SOURCE_PORT', doc: 'How imgproxy reaches that listener; pin it in `IMGPROXY_ALLOWED_SOURCES` (with a trailing slash).' },
  ANON_UPLOADS_PER_HOUR: { default: '10', doc: 'Uploads per client address and hour for enrollment (no signed-in user); beyond that 429 with Retry-After. The policy sends authentik\'s client address.' },
  ANON_PENDING_MB: { default: '256', doc: 'Megabytes all enrollment avatars not yet named by a user may take together; beyond that enrollment uploads get 429.' },
  AUTHENTIK_URL: { default: '', doc: 'authentik\'s base URL, e.g. `https://auth.example.com`, for the orphan sweep. Without it (and `AUTHENTIK_API_TOKEN`) the sweep is off.' },
  AUTHENTIK_API_TOKEN: { default: '', doc: 'An authentik API token that can list users (read-only is enough), for the orphan sweep.' },
  ORPHAN_GRACE: { default: '24h', doc: 'Age an avatar must reach before the sweep may remove it when no user names it (`30m`, `24h`, `7d`), so flows in progress are safe.' },
  SWEEP_INTERVAL: { default: '1h', doc: 'How often the server runs the orphan sweep (when `AUTHENTIK_URL` and `AUTHENTIK_API_TOKEN` are set).' },
  LOG_LEVEL: { default: 'info', doc: 'JSON log level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.' },
} as const;

export type SettingName = keyof typeof settings;
export type Env = Partial<Record<string, string | undefined>>;

const hex = z.string().regex(/^([0-9a-fA-F]{2})+$/, 'must be an even number of hex digits');
const port = z.coerce.number().int().min(0).max(65535);
const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
  .transform((value) => value.replace(/\/+$/, ''));

export interface ImgproxyConfig {
  url: string;
  key: string;
  salt: string;
  timeoutMs: number;
  sourceHost: string;
  sourcePort: number;
  sourceUrl: string;
}

export interface SweepConfig {
  authentikUrl: string;
  token: string;
  intervalMs: number;
}

export interface S3Config {
  /** Undefined means AWS S3 itself. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  /** Empty, or key segments ending in `/`. */
  prefix: string;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
  timeoutMs: number;
  cacheMaxAgeMs: number;
}

/** `storeVariants`: `?size=` variants are stored beside each avatar at upload (STORE_VARIANTS). */
export type StorageConfig = ({ kind: 'file'; dataDir: string } | ({ kind: 's3' } & S3Config)) & { storeVariants: boolean };

export interface Config {
  production: boolean;
  port: number;
  host: string;
  publicUrl: string;
  token: string;
  /** True when no AVATARS_TOKEN was given and one was generated for this run. */
  tokenGenerated: boolean;
  dataDir: string;
  storage: StorageConfig;
  processor: 'sharp' | 'imgproxy';
  outputSize: number;
  maxUploadBytes: number;
  maxPixels: number;
  maxConcurrent: number;
  maxQueue: number;
  uploadMemoryBytes: number;
  variantCacheBytes: number;
  decodeTimeoutMs: number;
  workerMemoryBytes: number;
  shutdownGraceMs: number;
  bodyIdleTimeoutMs: number;
  logLevel: LogLevel;
  imgproxy: ImgproxyConfig | undefined;
  anonymous: { perHour: number; maxPendingBytes: number };
  /** Stored avatars no user names are removed once older than this. */
  orphanGraceMs: number;
  /** The orphan sweep, or undefined when authentik's API is not configured. */
  sweep: SweepConfig | undefined;
}

const duration = z.string().transform((value, context) => {
  const parsed = ms(value as ms.StringValue);
  if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed <= 0) {
    context.addIssue({ code: 'custom', message: 'must be a duration such as 30m, 24h or 7d' });
    return z.NEVER;
  }
  return parsed;
});

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function read<T>(env: Env, name: SettingName, schema: z.ZodType<T>, fallback: string): T {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : raw;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'invalid value';
    throw new ConfigError(`${name}=${JSON.stringify(value)} is invalid: ${reason}. ${settings[name].doc}`);
  }
  return parsed.data;
}

/** Reads and validates the configuration; throws a ConfigError naming the variable at fault. */
export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const portNumber = read(env, 'PORT', port, '8080');
  const host = read(env, 'HOST', z.string().min(1), '127.0.0.1');
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const publicUrl = read(env, 'PUBLIC_URL', httpUrl, `http://${urlHost}:${portNumber}`);

  const givenToken = env.AVATARS_TOKEN ?? '';
  if (!givenToken && production) {
    throw new ConfigError('AVATARS_TOKEN is required when NODE_ENV=production: set it to a long random string and give the same value to the authentik policy.');
  }
  const token = givenToken ? read(env, 'AVATARS_TOKEN', z.string().min(16, 'must be at least 16 characters'), '') : randomBytes(24).toString('base64url');

  const imgproxyUrl = env.IMGPROXY_URL ? read(env, 'IMGPROXY_URL', httpUrl, '') : '';
  const processor = read(env, 'PROCESSOR', z.enum(['sharp', 'imgproxy']), imgproxyUrl ? 'imgproxy' : 'sharp');

  let imgproxy: ImgproxyConfig | undefined;
  if (processor === 'imgproxy') {
    if (!imgproxyUrl) throw new ConfigError('IMGPROXY_URL is required when PROCESSOR=imgproxy (for example http://127.0.0.1:8081).');
    for (const name of ['IMGPROXY_KEY', 'IMGPROXY_SALT'] as const) {
      if (!env[name]) {
        throw new ConfigError(`${name} is required when PROCESSOR=imgproxy: unsigned imgproxy URLs are never used. Generate one with \`openssl rand -hex 32\` and give imgproxy the same value.`);
      }
    }
    const sourceHost = read(env, 'SOURCE_HOST', z.string().min(1), host);
    const sourcePort = read(env, 'SOURCE_PORT', port, String(portNumber === 0 ? 0 : portNumber + 1));
    const sourceUrlHost = sourceHost.includes(':') ? `[${sourceHost}]` : sourceHost;
    imgproxy = {
      url: imgproxyUrl,
      key: read(env, 'IMGPROXY_KEY', hex, ''),
      salt: read(env, 'IMGPROXY_SALT', hex, ''),
      timeoutMs: read(env, 'IMGPROXY_TIMEOUT_MS', z.coerce.number().int().min(100), '15000'),
      sourceHost,
      sourcePort,
      sourceUrl: read(env, 'SOURCE_URL', httpUrl, `http://${sourceUrlHost}:${sourcePort}`),
    };
  }

  const authentikUrl = env.AUTHENTIK_URL ? read(env, 'AUTHENTIK_URL', httpUrl, '') : '';
  const authentikToken = env.AUTHENTIK_API_TOKEN ?? '';
  if (Boolean(authentikUrl) !== Boolean(authentikToken)) {
    throw new ConfigError(`${authentikUrl ? 'AUTHENTIK_API_TOKEN' : 'AUTHENTIK_URL'} is required too: the orphan sweep needs both AUTHENTIK_URL and AUTHENTIK_API_TOKEN (or neither, which turns it off).`);
  }
  const sweep = authentikUrl ? { authentikUrl, token: authentikToken, intervalMs: read(env, 'SWEEP_INTERVAL', duration, '1h') } : undefined;

  const dataDir = resolve(read(env, 'DATA_DIR', z.string().min(1), './data'));
  const storage = readStorage(env, dataDir);

  return {
    production,
    port: portNumber,
    host,
    publicUrl,
    token,
    tokenGenerated: !givenToken,
    dataDir,
    storage,
    processor,
    outputSize: read(env, 'OUTPUT_SIZE', z.coerce.number().int().min(64).max(4096), '1024'),
    maxUploadBytes: read(env, 'MAX_UPLOAD_BYTES', z.coerce.number().int().min(1024), '10485760'),
    maxPixels: read(env, 'MAX_PIXELS', z.coerce.number().int().min(10_000), '40000000'),
    maxConcurrent: read(env, 'MAX_CONCURRENT', z.coerce.number().int().min(1).max(256), String(availableParallelism() * (processor === 'imgproxy' ? 4 : 1))),
    maxQueue: read(env, 'MAX_QUEUE', z.coerce.number().int().min(0).max(10_000), '16'),
    uploadMemoryBytes: read(env, 'UPLOAD_MEMORY_MB', z.coerce.number().min(1), '32') * 1024 * 1024,
    variantCacheBytes: read(env, 'VARIANT_CACHE_MB', z.coerce.number().min(0), '64') * 1024 * 1024,
    decodeTimeoutMs: read(env, 'DECODE_TIMEOUT_MS', z.coerce.number().int().min(100), '10000'),
    workerMemoryBytes: read(env, 'WORKER_MEMORY_MB', z.coerce.number().min(192, 'must be at least 192 (an idle worker takes about 110 MB)'), '512') * 1024 * 1024,
    shutdownGraceMs: read(env, 'SHUTDOWN_GRACE_MS', z.coerce.number().int().min(0), '10000'),
    bodyIdleTimeoutMs: read(env, 'BODY_IDLE_TIMEOUT_MS', z.coerce.number().int().min(100), '10000'),
    logLevel: read(env, 'LOG_LEVEL', z.enum(LOG_LEVELS), 'info'),
    imgproxy,
    anonymous: {
      perHour: read(env, 'ANON_UPLOADS_PER_HOUR', z.coerce.number().int().min(0), '10'),
      maxPendingBytes: read(env, 'ANON_PENDING_MB', z.coerce.number().min(0), '256') * 1024 * 1024,
    },
    orphanGraceMs: read(env, 'ORPHAN_GRACE', duration, '24h'),
    sweep,
  };
}

const s3Prefix = z
  .string()
  .refine((value) => value === '' || value.split('/').filter(Boolean).every((segment) => /^[a-z0-9][a-z0-9._-]*$/.test(segment) && !segment.includes('..')), 'must be lower-case key segments such as authentik-avatars/')
  .transform((value) => (value === '' ? '' : `${value.split('/').filter(Boolean).join('/')}/`));
const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

function readStorage(env: Env, dataDir: string): StorageConfig {
  const kind = read(env, 'STORAGE', z.enum(['file', 's3']), 'file');
  const storeVariants = read(env, 'STORE_VARIANTS', bool, kind === 's3' ? 'true' : 'false');
  if (kind === 'file') return { kind, dataDir, storeVariants };
  const endpoint = env.S3_ENDPOINT ? read(env, 'S3_ENDPOINT', httpUrl, '') : undefined;
  if (!env.S3_BUCKET) throw new ConfigError('S3_BUCKET is required when STORAGE=s3: name an existing bucket that every replica of the endpoint uses.');
  const accessKeyId = env.S3_ACCESS_KEY_ID ?? '';
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY ?? '';
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new ConfigError(`${accessKeyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'} is required too: give both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither to use the AWS SDK's default credentials.`);
  }
  return {
    kind,
    endpoint,
    region: read(env, 'S3_REGION', z.string().min(1), 'us-east-1'),
    bucket: read(env, 'S3_BUCKET', z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3-63 lower-case letters, digits, dots, hyphens)'), ''),
    prefix: read(env, 'S3_PREFIX', s3Prefix, ''),
    credentials: accessKeyId ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: read(env, 'S3_FORCE_PATH_STYLE', bool, endpoint ? 'true' : 'false'),
    timeoutMs: read(env, 'S3_TIMEOUT_MS', z.coerce.number().int().min(100).max(120_000), '5000'),
    cacheMaxAgeMs: read(env, 'S3_CACHE_MAX_AGE', duration, '1m'),
    storeVariants,
  };
}
