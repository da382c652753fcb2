import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';

const run = promisify(execFile);
export const REPO = resolve(import.meta.dirname, '..', '..', '..');
const CONSUMER_FILES = join(import.meta.dirname, 'consumer');
const BUILT = ['dist/avatar-cropper.js', 'dist/types/index.d.ts', 'dist/custom-elements.json'];

export interface PackedFile {
  path: string;
  size: number;
}

export interface ConsumerProject {
  dir: string;
  /** What `npm pack` put into the tarball. */
  packed: PackedFile[];
  /** The Vite build of the consumer page, served on loopback. */
  url: string;
  close(): Promise<void>;
}

/**
 * Packs this repository with `npm pack`, installs the tarball into a new project in a temporary
 * folder (from npm's cache where it can: `--prefer-offline`), builds a page that imports the element
 * there with Vite and serves it.
 */
export async function prepareConsumer(): Promise<ConsumerProject> {
  const missing = BUILT.filter((file) => !existsSync(join(REPO, file)));
  if (missing.length) throw new Error(`${missing.join(', ')} missing: run \`npm run build\` first`);

  const dir = mkdtempSync(join(tmpdir(), 'avatar-cropper-consumer-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: REPO, maxBuffer: 16 << 20 });
  const [pack] = JSON.parse(stdout) as { filename: string; files: PackedFile[] }[];
  if (!pack) throw new Error('npm pack reported no tarball');

  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const name of ['index.html', 'main.js', 'tsconfig.json']) copyFileSync(join(CONSUMER_FILES, name), join(app, name));
  copyFileSync(join(CONSUMER_FILES, 'check-types.ts.txt'), join(app, 'check-types.ts'));
  await run('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(dir, pack.filename)], {
    cwd: app,
    maxBuffer: 16 << 20,
  });

  await build({ root: app, configFile: false, logLevel: 'silent', build: { outDir: join(app, 'dist'), target: 'es2022' } });
  const server = await serve(join(app, 'dist'));
  const { port } = server.address() as AddressInfo;
  return {
    dir: app,
    packed: pack.files,
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Type-checks the consumer's check-types.ts (its own tsconfig.json) with this repository's TypeScript. */
export async function typeCheckConsumer(app: string): Promise<{ ok: boolean; output: string }> {
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    const { stdout } = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app });
    return { ok: true, output: stdout };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}` };
  }
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };

function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}
