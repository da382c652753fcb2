import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Env } from '../../src/server/config.ts';
import { stopChild } from './child-process.ts';

export interface RunningSeaweedfs {
  /** The S3 gateway, e.g. http://127.0.0.1:41234 */
  s3Url: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The endpoint's environment for STORAGE=s3 on `bucket`. */
  env(bucket: string): Env;
  createBucket(name: string): Promise<void>;
  /** Freezes every SeaweedFS process (SIGSTOP): connections are accepted by the kernel, nothing answers. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
  /** Starts it again on the same ports and folder (after stop()). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The binary test/setup/seaweedfs.sh has already built into the cache (it builds nothing in `check` mode), or undefined. */
function cachedWeed(): string | undefined {
  const cacheRoot = process.env.AVATARS_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'authentik-avatars');
  const script = fileURLToPath(new URL('../setup/seaweedfs.sh', import.meta.url));
  const found = spawnSync('bash', [script, cacheRoot, 'check'], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
  return found.status === 0 ? found.stdout.trim() || undefined : undefined;
}

/**
 * The binary from test/setup/prerequisites.sh (`WEED_BIN`, as `npm test` exports it, else the one
 * already in the cache, so a single suite or `npm run bench` finds it too); a missing one fails the test that needs it.
 */
export function weedBinary(): string {
  if (!process.env.WEED_BIN) {
    const cached = cachedWeed();
    if (cached) process.env.WEED_BIN = cached;
  }
  const bin = process.env.WEED_BIN;
  if (!bin || !existsSync(bin)) {
    throw new Error(`WEED_BIN is ${bin ? `${bin}, which does not exist` : 'not set'}: the S3 suites need a real SeaweedFS. Run \`bash test/setup/prerequisites.sh\` (it builds one into ~/.cache/authentik-avatars/seaweedfs) and export the WEED_BIN it prints.`);
  }
  return bin;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port whose grpc companion (port + 10000, SeaweedFS's default) is free too. */
async function freePortPair(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await portFree(port)) && (await portFree(port + 10_000))) {
      taken.add(port).add(port + 10_000);
      return port;
    }
  }
}

async function waitForS3(url: string, child: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`weed server exited with code ${child.exitCode} at start-up:\n${log()}`);
    try {
      const response = await fetch(`${url}/status`);
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`weed server's S3 gateway did not answer ${url} within ${timeoutMs / 1000} s:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A real SeaweedFS (`weed server -s3`) on loopback, in its own temporary folder, with one identity. */
export async function startSeaweedfs(): Promise<RunningSeaweedfs> {
  const bin = weedBinary();
  const dir = await mkdtemp(join(tmpdir(), 'avatars-seaweedfs-'));
  const accessKeyId = `avatars${randomBytes(6).toString('hex')}`;
  const secretAccessKey = randomBytes(24).toString('hex');
  const identities = join(dir, 'identities.json');
  await writeFile(identities, JSON.stringify({ identities: [{ name: 'avatars', credentials: [{ accessKey: accessKeyId, secretKey: secretAccessKey }], actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'] }] }));
  const taken = new Set<number>();
  const [master, volume, filer, s3] = [await freePortPair(taken), await freePortPair(taken), await freePortPair(taken), await freePortPair(taken)];
  const s3Url = `http://127.0.0.1:${s3}`;
  const args = [
    'server', '-ip=127.0.0.1', '-ip.bind=127.0.0.1', `-dir=${join(dir, 'data')}`,
    `-master.port=${master}`, `-volume.port=${volume}`, `-filer.port=${filer}`, '-volume.max=0', '-master.volumeSizeLimitMB=256',
    '-s3', `-s3.port=${s3}`, `-s3.config=${identities}`,
  ];
  let child: ChildProcess;
  let output = '';
  const launch = async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'data'), { recursive: true });
    output = '';
    child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await waitForS3(s3Url, child, () => output);
  };
  const client = new S3Client({ endpoint: s3Url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
  /** The S3 port answers before a volume is writable: retries a small write until one succeeds. */
  const untilWritable = async () => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.send(new CreateBucketCommand({ Bucket: 'readiness-probe' })).catch((error: Error) => {
          if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') throw error;
        });
        await client.send(new PutObjectCommand({ Bucket: 'readiness-probe', Key: 'probe', Body: 'ready' }));
        return;
      } catch (error) {
        if (attempt >= 120) throw new Error(`SeaweedFS at ${s3Url} accepted no write within 60 s:\n${output}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  await launch();
  await untilWritable();
  const weed = {
    s3Url,
    accessKeyId,
    secretAccessKey,
    env: (bucket: string): Env => ({ STORAGE: 's3', S3_ENDPOINT: s3Url, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey, S3_TIMEOUT_MS: '2000' }),
    async createBucket(name: string) {
      // Right after start-up the filer may still be electing its volume: retry briefly.
      for (let attempt = 0; ; attempt += 1) {
        try {
          await client.send(new CreateBucketCommand({ Bucket: name }));
          return;
        } catch (error) {
          if ((error as Error).name === 'BucketAlreadyOwnedByYou' || (error as Error).name === 'BucketAlreadyExists') return;
          if (attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop: async () => {
      child.kill('SIGCONT');
      await stopChild(child, 'SIGTERM', 10_000);
    },
    restart: async () => {
      await launch();
      await untilWritable();
    },
    close: async () => {
      client.destroy();
      await weed.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return weed;
}
