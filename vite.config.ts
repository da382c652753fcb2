import { defineConfig, type UserConfig } from 'vite';

/**
 * Three self-contained ES module bundles, one per `--mode`, so each file can be
 * served or mounted on its own (the bridge must work as a single file inside authentik).
 */
const bundles: Record<string, { entry: string; fileName: string }> = {
  cropper: { entry: 'src/cropper/index.ts', fileName: 'avatar-cropper' },
  bridge: { entry: 'src/bridge/index.ts', fileName: 'bridge' },
  demo: { entry: 'demo/client/index.ts', fileName: 'demo' },
};

export default defineConfig(({ mode }): UserConfig => {
  const bundle = bundles[mode];
  if (!bundle) {
    throw new Error(`vite: unknown --mode "${mode}"; use one of ${Object.keys(bundles).join(', ')}`);
  }
  return {
    publicDir: false,
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      // Library builds keep whitespace by default; these bundles are shipped as they are.
      rolldownOptions: { output: { minify: true } },
      lib: {
        entry: bundle.entry,
        formats: ['es'],
        fileName: () => `${bundle.fileName}.js`,
      },
    },
  };
});
