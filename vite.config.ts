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

type Quasi = Node & { value: { raw: string; cooked: string } };
type Template = Node & { quasis: Quasi[]; expressions: unknown[] };

/** Every template literal tagged `tag` in a parsed module. */
function taggedTemplates(node: unknown, tag: string, found: Template[] = []): Template[] {
  if (Array.isArray(node)) {
    for (const child of node) taggedTemplates(child, tag, found);
  } else if (node && typeof node === 'object') {
    const candidate = node as Node & { tag?: Node & { name?: string }; quasi?: Template };
    if (candidate.type === 'TaggedTemplateExpression' && candidate.tag?.name === tag && candidate.quasi) found.push(candidate.quasi);
    for (const value of Object.values(node)) if (value && typeof value === 'object') taggedTemplates(value, tag, found);
  }
  return found;
}

/** Where a template's raw text is in `code` (oxc's spans may include the opening delimiter). */
function rawRange(code: string, quasi: Quasi, id: string): [number, number] {
  const start = code.startsWith(quasi.value.raw, quasi.start) ? quasi.start : quasi.start + 1;
  if (code.slice(start, start + quasi.value.raw.length) !== quasi.value.raw) throw new Error(`compact-lit-templates: cannot place a template of ${id}`);
  return [start, start + quasi.value.raw.length];
}

/** Replaces source ranges, given as [start, end, text], last first. */
function edit(code: string, edits: [number, number, string][]): string {
  return edits.sort((a, b) => b[0] - a[0]).reduce((text, [start, end, replacement]) => text.slice(0, start) + replacement + text.slice(end), code);
}

/**
 * The minifier leaves template strings alone, so lit's templates would ship with their indentation
 * and comments. `css` templates are parsed with a CSS parser (css-tree) and printed compact;
 * `html` templates lose the line breaks and indentation between attributes and tags (the cropper's
 * markup has no <pre>, and its text is trimmed by the browser where it names a control).
 */
function compactLitTemplates(): Plugin {
  return {
    name: 'compact-lit-templates',
    transform(code, id) {
      if (!/\/src\/cropper\/[^?]*\.ts$/.test(id)) return null;
      const program = parseSync(id, code).program;
      const edits: [number, number, string][] = [];
      for (const template of taggedTemplates(program, 'css')) {
        const [quasi] = template.quasis;
        if (template.expressions.length || !quasi) continue;
        const css = generate(parseCss(quasi.value.cooked)).replace(/[\\`]|\$\{/g, (match) => `\\${match}`);
        edits.push([...rawRange(code, quasi, id), css]);
      }
      for (const template of taggedTemplates(program, 'html')) {
        for (const quasi of template.quasis) {
          edits.push([...rawRange(code, quasi, id), quasi.value.raw.replace(/\s*\n\s*/g, ' ')]);
        }
      }
      return edits.length ? { code: edit(code, edits), map: null } : null;
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
    plugins: [compactLitTemplates()],
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
