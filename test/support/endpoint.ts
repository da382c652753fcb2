import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig, type Config, type Env } from '../../src/server/config.ts';
import { createProcessor } from '../../src/server/processors/create-processor.ts';
import { freePort, startImgproxy, type RunningImgproxy } from './imgproxy.ts';
import { startSeaweedfs, type RunningSeaweedfs } from './seaweedfs.ts';

export const TOKEN = 'test-token-0123456789abcdef';
/** The owner test uploads are made for unless a test names one. */
export const DEFAULT_OWNER = 'user:00000000-0000-4000-8000-000000000001';

export interface TestEndpoint {
  url: string;
  config: Config;
  app: FastifyInstance;
  imgproxy?: RunningImgproxy;
  /**
   * POSTs an upload. JSON bodies without an `owner` key get DEFAULT_OWNER; raw bodies get `query`
   * (default: that owner) as query parameters.
   */
  upload(body: unknown, headers?: Record<string, string>, query?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A real endpoint listening on loopback, with the sharp processor or a real imgproxy behind it.
 * In imgproxy mode it starts its own imgproxy, unless `env` names one (IMGPROXY_URL and the rest).
 * With AVATARS_TEST_STORAGE=s3 in the test's environment (and no STORAGE in `env`) it stores on its own real SeaweedFS.
 */
export async function startEndpoint(processor: 'sharp' | 'imgproxy', env: Env = {}): Promise<TestEndpoint> {
  const dataDir = await mkdtemp(join(tmpdir(), 'avatars-test-'));
  const port = await freePort();
  let imgproxy: RunningImgproxy | undefined;
  let processorEnv: Env = { PROCESSOR: processor };
  if (processor === 'imgproxy' && !env.IMGPROXY_URL) {
    const sourcePort = await freePort();
    imgproxy = await startImgproxy(`http://127.0.0.1:${sourcePort}/`);
    processorEnv = { PROCESSOR: 'imgproxy', IMGPROXY_URL: imgproxy.url, IMGPROXY_KEY: imgproxy.key, IMGPROXY_SALT: imgproxy.salt, SOURCE_PORT: String(sourcePort) };
  }
  let seaweedfs: RunningSeaweedfs | undefined;
  let storageEnv: Env = {};
  if (process.env.AVATARS_TEST_STORAGE === 's3' && !env.STORAGE) {
    seaweedfs = await startSeaweedfs();
    await seaweedfs.createBucket('avatars');
    storageEnv = seaweedfs.env('avatars');
  }
  const config = loadConfig({ PORT: String(port), AVATARS_TOKEN: TOKEN, DATA_DIR: dataDir, ...processorEnv, ...storageEnv, ...env });
  const app = await buildApp({ config, processor: await createProcessor(config) });
  await app.listen({ host: config.host, port: config.port });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    config,
    app,
    imgproxy,
    upload: (body, headers = {}, query = { owner: DEFAULT_OWNER }) => {
      const raw = Buffer.isBuffer(body);
      const json = typeof body === 'object' && body !== null && !('owner' in body) ? { owner: DEFAULT_OWNER, ...body } : body;
      return fetch(`${url}/api/v1/avatars${raw ? `?${new URLSearchParams(query)}` : ''}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': raw ? 'application/octet-stream' : 'application/json', ...headers },
        body: raw ? new Uint8Array(body) : JSON.stringify(json),
      });
    },
    close: async () => {
      await app.close();
      await imgproxy?.stop();
      await seaweedfs?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const dataUri = (bytes: Buffer, type: string) => `data:${type};base64,${bytes.toString('base64')}`;

export async function pngSize(bytes: Buffer): Promise<{ format?: string; width?: number; height?: number }> {
  const { format, width, height } = await sharp(bytes).metadata();
  return { format, width, height };
}
