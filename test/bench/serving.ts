import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/imgproxy.ts';
import type { Input } from './inputs.ts';
import { stopChild, waitUntilAnswering } from '../support/child-process.ts';
import { jsonBody, startEndpoint } from './processes.ts';
import { kb, median, rps } from './stats.ts';
import type { Row } from './table.ts';

export const ROUNDS = 3;
export const WRK = ['-t2', '-c32', '-d3s'];
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** wrk and nginx, installed from Debian when missing and we are root; false when they cannot be had. */
export function ensureTools(): boolean {
  if (has('wrk') && has('nginx')) return true;
  if (process.getuid?.() !== 0 || !has('apt-get')) return false;
  console.error('[bench] installing wrk and nginx-light (apt-get install -y wrk nginx-light)');
  spawnSync('apt-get', ['install', '-y', '-q', 'wrk', 'nginx-light'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return has('wrk') && has('nginx');
}

/** Requests per second from one wrk run; non-2xx/3xx answers make it fail loudly. */
export function wrk(url: string, duration = WRK): number {
  const result = spawnSync('wrk', [...duration, url], { encoding: 'utf8' });
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(result.stdout)?.[1];
  if (errors) throw new Error(`wrk ${url}: ${errors} non-2xx answers`);
  const value = Number(/Requests\/sec:\s+([\d.]+)/.exec(result.stdout)?.[1]);
  if (!Number.isFinite(value)) throw new Error(`wrk ${url}: no result\n${result.stdout}${result.stderr}`);
  return value;
}

/** Debian's nginx with its own prefix and config on a free loopback port, serving `files` from its root. */
export async function startNginx(files: Map<string, Buffer>) {
  const prefix = await mkdtemp(join(tmpdir(), 'bench-nginx-'));
  const port = await freePort();
  await mkdir(join(prefix, 'html/avatars'), { recursive: true });
  await mkdir(join(prefix, 'tmp'), { recursive: true });
  for (const [path, bytes] of files) await writeFile(join(prefix, 'html', path), bytes);
  // As Debian's /etc/nginx/nginx.conf: worker_processes auto, sendfile, tcp_nopush, access log on.
  const conf = `user root;
worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 768; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  access_log ${prefix}/access.log;
  client_body_temp_path ${prefix}/tmp;
  server { listen 127.0.0.1:${port}; root ${prefix}/html; }
}
`;
  await writeFile(join(prefix, 'nginx.conf'), conf);
  const child = spawn('nginx', ['-e', join(prefix, 'error.log'), '-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${url}${[...files.keys()][0]}`, child, 'nginx');
  return {
    url,
    stop: async () => {
      await stopChild(child, 'SIGQUIT');
      await rm(prefix, { recursive: true, force: true });
    },
  };
}

/** Stored avatars from the endpoint vs the same bytes from nginx, with wrk; rounds interleave the two. */
/** Warms each pair of URLs up, then measures both with wrk for ROUNDS rounds: median requests/s of each. */
export function wrkAgainstNginx(cases: readonly { ours: string; theirs: string }[]): { ours: number; theirs: number }[] {
  for (const { ours, theirs } of cases) [ours, theirs].forEach((target) => wrk(target, ['-t2', '-c32', '-d1s'])); // warm-up
  const results = cases.map(() => ({ ours: [] as number[], theirs: [] as number[] }));
  for (let round = 0; round < ROUNDS; round++) {
    cases.forEach(({ ours, theirs }, i) => {
      results[i]!.ours.push(wrk(ours));
      results[i]!.theirs.push(wrk(theirs));
    });
  }
  return results.map(({ ours, theirs }) => ({ ours: median(ours), theirs: median(theirs) }));
}

export async function servingRows(input: Input): Promise<Row[]> {
  const section = `Server: serving a stored avatar, wrk ${WRK.join(' ')} (${ROUNDS} rounds, medians)`;
  if (!ensureTools()) return [{ section, what: 'requests/s vs nginx', value: 'not measured: wrk or nginx missing', baseline: '—', goal: '≥ 0.50x', pass: false }];
  const endpoint = await startEndpoint('sharp');
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  try {
    const response = await endpoint.upload(jsonBody(input.bytes, input.type));
    const { url } = (await response.json()) as { url: string };
    const path = new URL(url).pathname;
    const full = Buffer.from(await (await fetch(`${endpoint.url}${path}`)).arrayBuffer());
    const small = Buffer.from(await (await fetch(`${endpoint.url}${path}?size=256`)).arrayBuffer());
    const smallPath = path.replace('.png', '-256.png');
    nginx = await startNginx(new Map([[path, full], [smallPath, small]]));
    const cases = [
      { what: `GET ${path.replace(/[a-f0-9]{32}/, '<id>')} (1024 px, ${kb(full.length)})`, ours: `${endpoint.url}${path}`, theirs: `${nginx.url}${path}` },
      { what: `GET …?size=256 (${kb(small.length)}, cached variant)`, ours: `${endpoint.url}${path}?size=256`, theirs: `${nginx.url}${smallPath}` },
    ];
    const results = wrkAgainstNginx(cases);
    return cases.map(({ what }, i) => {
      const { ours, theirs } = results[i]!;
      return { section, what, value: rps(ours), baseline: `${rps(theirs)} (nginx, same file)`, ratio: ours / theirs, goal: '≥ 0.50x', pass: ours / theirs >= 0.5 };
    });
  } finally {
    await nginx?.stop();
    await endpoint.stop();
  }
}
