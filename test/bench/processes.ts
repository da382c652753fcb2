import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild, waitUntilAnswering } from '../support/child-process.ts';
import { freePort, imgproxyCommand, startImgproxy, type RunningImgproxy } from '../support/imgproxy.ts';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const TOKEN = 'bench-token-0123456789abcdef';
const SCRATCH_IMGPROXY = '/tmp/imgp/bin-v4/imgproxy';
const SCRATCH_LOG = '/tmp/imgp/build.log';

export interface ImgproxyChoice {
  kind: 'real' | 'stand-in';
  /** What the table header says about it. */
  label: string;
}

/**
 * Which imgproxy the bench measures: IMGPROXY_BIN, else the scratch v4 build in /tmp/imgp when its
 * log ends with "done 0", else the stand-in. Sets IMGPROXY_BIN so test/support/imgproxy.ts uses it.
 */
export function chooseImgproxy(): ImgproxyChoice {
  let bin = process.env.IMGPROXY_BIN && existsSync(process.env.IMGPROXY_BIN) ? process.env.IMGPROXY_BIN : '';
  let source = 'IMGPROXY_BIN';
  if (!bin && existsSync(SCRATCH_IMGPROXY) && existsSync(SCRATCH_LOG)) {
    const last = readFileSync(SCRATCH_LOG, 'utf8').trimEnd().split('\n').at(-1);
    if (last === 'done 0') [bin, source] = [SCRATCH_IMGPROXY, 'scratch build'];
  }
  if (bin) process.env.IMGPROXY_BIN = bin;
  else delete process.env.IMGPROXY_BIN;
  if (imgproxyCommand().kind === 'stand-in') {
    return { kind: 'stand-in', label: 'STAND-IN (test/support/imgproxy-standin.ts, node+sharp): imgproxy rows do NOT measure imgproxy' };
  }
  const version = spawnSync(bin, ['version'], { encoding: 'utf8', timeout: 20_000 }).stdout.trim().split('\n')[0];
  return { kind: 'real', label: `real imgproxy ${version}, linked to the system libvips (${source}: ${bin})` };
}

export interface Endpoint {
  url: string;
  pid: number;
  dataDir: string;
  imgproxy?: RunningImgproxy;
  upload(body: Buffer): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The endpoint as a user runs it: a child `node --import tsx src/server/main.ts`, configured by
 * environment. For imgproxy mode a real (or stand-in) imgproxy is started first, unless one is given.
 */
export async function startEndpoint(processor: 'sharp' | 'imgproxy', env: Record<string, string> = {}, shared?: { imgproxy: RunningImgproxy; sourcePort: number }): Promise<Endpoint> {
  const dataDir = await mkdtemp(join(tmpdir(), 'avatars-bench-'));
  const port = await freePort();
  let processorEnv: Record<string, string> = { PROCESSOR: 'sharp' };
  let imgproxy = shared?.imgproxy;
  let ownImgproxy: RunningImgproxy | undefined;
  if (processor === 'imgproxy') {
    const sourcePort = shared?.sourcePort ?? (await freePort());
    if (!imgproxy) imgproxy = ownImgproxy = await startImgproxy(`http://127.0.0.1:${sourcePort}/`);
    processorEnv = { PROCESSOR: 'imgproxy', IMGPROXY_URL: imgproxy.url, IMGPROXY_KEY: imgproxy.key, IMGPROXY_SALT: imgproxy.salt, SOURCE_PORT: String(sourcePort) };
  }
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/server/main.ts')], {
    cwd: REPO,
    env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', AVATARS_TOKEN: TOKEN, DATA_DIR: dataDir, ...processorEnv, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${url}/healthz`, child, 'endpoint');
  return {
    url,
    pid: child.pid!,
    dataDir,
    imgproxy,
    upload: (body) =>
      fetch(`${url}/api/v1/avatars`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: new Uint8Array(body) }),
    stop: async () => {
      await stopChild(child);
      await ownImgproxy?.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The owner bench uploads are made for. */
export const BENCH_OWNER = 'user:00000000-0000-4000-8000-00000000be4c';

/** The JSON body authentik's policy sends: `{"image":"data:<type>;base64,...","owner":"user:<uuid>"}`. */
export const jsonBody = (bytes: Buffer, type: string): Buffer => Buffer.from(JSON.stringify({ image: `data:${type};base64,${bytes.toString('base64')}`, owner: BENCH_OWNER }));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** A loopback static server for in-memory files (path -> bytes); the type comes from the extension. */
export async function serveFiles(files: Map<string, Buffer>): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const body = files.get(path);
    if (!body) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-store' }).end(body);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
