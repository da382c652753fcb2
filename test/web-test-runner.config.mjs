// Browser tests for the cropper element and the authentik bridge, in Debian's Chromium.
//   npx web-test-runner --config test/web-test-runner.config.mjs
// Real fixture images are served from <repo>/../shared/fixtures/real/ at /fixtures/real/, and images made
// from them with sharp at /fixtures/made/ (browsers cannot encode animations).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import sharp from 'sharp';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixturesDir = resolve(repoRoot, '..', 'shared', 'fixtures', 'real');
const fixturesPrefix = '/fixtures/real/';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(executablePath)) {
  throw new Error(
    `Chromium not found at ${executablePath}. Install it with \`apt-get install -y chromium\` ` +
      '(or point CHROMIUM_PATH at a Chromium binary). Playwright browser downloads are not used.',
  );
}
if (!existsSync(fixturesDir)) {
  throw new Error(`Fixture images not found at ${fixturesDir} (expected shared/ beside the repository).`);
}

const contentTypes = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
};

/** Serves the real fixtures read-only at /fixtures/real/<name> (flat folder, no subpaths). */
function serveRealFixtures(context, next) {
  if (!context.path.startsWith(fixturesPrefix)) return next();
  const name = decodeURIComponent(context.path.slice(fixturesPrefix.length));
  const file = join(fixturesDir, name);
  if (!/^[\w.-]+$/.test(name) || !existsSync(file) || !statSync(file).isFile()) {
    context.status = 404;
    return undefined;
  }
  context.type = contentTypes[extname(name).toLowerCase()] ?? 'application/octet-stream';
  context.set('Cache-Control', 'no-store');
  context.body = createReadStream(file);
  return undefined;
}

/** Two frames from two real photos, 160x120 each: rocket.jpg first, chelsea.png second. */
const frames = () =>
  Promise.all(['rocket.jpg', 'chelsea.png'].map((name) => sharp(join(fixturesDir, name)).resize(160, 120, { fit: 'cover' }).png().toBuffer()));

const madeFixtures = {
  'first-frame.png': async () => (await frames())[0],
  'second-frame.png': async () => (await frames())[1],
  'still.gif': async () => sharp((await frames())[0]).gif().toBuffer(),
  'animated.gif': async () => sharp(await frames(), { join: { animated: true } }).gif({ delay: [500, 500], loop: 0 }).toBuffer(),
  'animated.webp': async () => sharp(await frames(), { join: { animated: true } }).webp({ delay: [500, 500], loop: 0, lossless: true }).toBuffer(),
};

/** Serves /fixtures/made/<name>: images generated from the real fixtures on request. */
async function serveMadeFixtures(context, next) {
  const name = context.path.startsWith('/fixtures/made/') ? context.path.slice('/fixtures/made/'.length) : '';
  if (!Object.hasOwn(madeFixtures, name)) return next();
  const make = madeFixtures[name];
  context.type = contentTypes[extname(context.path)] ?? 'application/octet-stream';
  context.set('Cache-Control', 'no-store');
  context.body = await make();
  return undefined;
}

export default {
  rootDir: repoRoot,
  files: ['test/{cropper,bridge}/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(repoRoot, 'tsconfig.json') })],
  middleware: [serveRealFixtures, serveMadeFixtures],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
      },
    }),
  ],
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 5 * 60 * 1000,
};
