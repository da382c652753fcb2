import { generate, parse as parseCss } from 'css-tree';
import { defineConfig, parseSync, type Plugin, type UserConfig } from 'vite';

/**
 * Three self-contained ES module bundles, one per `--mode`, so each file can be
 * served or mounted on its own (the bridge must work as a single file inside authentik).
 */
const bundles: Record<string, { entry: string; fileName: string }> = {
  cropper: { entry: 'src/cropper/index.ts', fileName: 'avatar-cropper' },
  bridge: { entry: 'src/bridge/index.ts', fileName: 'bridge' },
  demo: { entry: 'demo/client/index.ts', fileName: 'demo' },
};

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** Every `css\`…\`` without interpolations in a parsed module. */
function litCssTemplates(node: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(node)) {
    for (const child of node) litCssTemplates(child, found);
  } else if (node && typeof node === 'object') {
    const candidate = node as Node & { tag?: Node & { name?: string }; quasi?: Node & { expressions: unknown[] } };
    if (candidate.type === 'TaggedTemplateExpression' && candidate.tag?.name === 'css' && candidate.quasi?.expressions.length === 0) {
      found.push(candidate.quasi);
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') litCssTemplates(value, found);
  }
  return found;
}

/**
 * The minifier leaves template strings alone, so lit's `css` templates would ship with their
 * indentation and comments: parse each with a CSS parser (css-tree) and print it compact.
 */
function compactLitCss(): Plugin {
  return {
    name: 'compact-lit-css',
    transform(code, id) {
      if (!/\/src\/cropper\/.*\.styles\.ts$/.test(id)) return null;
      const templates = litCssTemplates(parseSync(id, code).program);
      let compacted = code;
      for (const quasi of templates.sort((a, b) => b.start - a.start)) {
        const [element] = quasi.quasis as { value: { cooked: string } }[];
        const css = generate(parseCss(element!.value.cooked)).replace(/[\\`]|\$\{/g, (match) => `\\${match}`);
        compacted = `${compacted.slice(0, quasi.start + 1)}${css}${compacted.slice(quasi.end - 1)}`;
      }
      return { code: compacted, map: null };
    },
  };
}

export default defineConfig(({ mode }): UserConfig => {
  const bundle = bundles[mode];
  if (!bundle) {
    throw new Error(`vite: unknown --mode "${mode}"; use one of ${Object.keys(bundles).join(', ')}`);
  }
  return {
    publicDir: false,
    plugins: [compactLitCss()],
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
