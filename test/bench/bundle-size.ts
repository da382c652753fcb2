import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin, type Rolldown } from 'vite';
import { REPO } from './processes.ts';
import { kb } from './stats.ts';
import type { Row } from './table.ts';

const gzipBytes = (bytes: Buffer | string): number => gzipSync(bytes, { level: 9 }).length;

/** The element's runtime dependencies and nothing of its own: lit and the three cropperjs 2 elements it imports. */
const DEPS_ENTRY = `
export { css, html, LitElement, nothing } from 'lit';
export { default as CropperCanvas } from '@cropper/element-canvas';
export { default as CropperImage } from '@cropper/element-image';
export { default as CropperSelection } from '@cropper/element-selection';
`;

/** A module that exists only here (no file): lib builds take a path as their entry. */
const DEPS_ENTRY_PATH = join(REPO, 'test/bench/virtual-deps-entry.ts');
const depsEntry: Plugin = {
  name: 'bench-deps-entry',
  resolveId: (id) => (id === DEPS_ENTRY_PATH ? id : null),
  load: (id) => (id === DEPS_ENTRY_PATH ? DEPS_ENTRY : null),
};

/** The dependencies alone, built with the same toolchain and options as dist/avatar-cropper.js. */
async function depsOnlyGzip(): Promise<number> {
  const output = (await build({
    configFile: false,
    root: REPO,
    logLevel: 'silent',
    plugins: [depsEntry],
    build: {
      write: false,
      target: 'es2022',
      rolldownOptions: { output: { minify: true } },
      lib: { entry: DEPS_ENTRY_PATH, formats: ['es'], fileName: () => 'deps.js' },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunks = [output].flat().flatMap((result) => result.output).filter((item) => item.type === 'chunk');
  return chunks.reduce((sum, chunk) => sum + gzipBytes(chunk.code), 0);
}

/** Builds dist/ (npm run build) and reports gzip -9 sizes of the element and the bridge. */
export async function bundleRows(): Promise<Row[]> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const element = gzipBytes(readFileSync(join(REPO, 'dist/avatar-cropper.js')));
  const bridge = gzipBytes(readFileSync(join(REPO, 'dist/bridge.js')));
  const deps = await depsOnlyGzip();
  const section = 'Client bundles (gzip -9)';
  return [
    { section, what: 'dist/avatar-cropper.js (element + lit + cropperjs, nine languages)', value: kb(element), baseline: `${kb(deps)} (lit + cropperjs elements alone)`, ratio: element / deps, goal: '≤ 32.0 KB', pass: element <= 32 * 1024 },
    { section, what: 'dist/bridge.js (element + bridge)', value: kb(bridge), baseline: `${kb(element)} (the element)`, ratio: bridge / element, goal: `≤ ${kb(element + 5 * 1024)} (element + 5 KB)`, pass: bridge <= element + 5 * 1024 },
  ];
}
