// Custom-elements manifest of <avatar-cropper>, written by `npm run build` to dist/custom-elements.json:
//   cem analyze --config src/cropper/custom-elements-manifest.config.mjs
export default {
  globs: ['src/cropper/**/*.ts'],
  exclude: ['src/cropper/locales/!(index).ts'],
  outdir: 'dist',
  litelement: true,
  // Leave package.json alone (the analyzer would add a "customElements" field to it on every run).
  packagejson: false,
};
