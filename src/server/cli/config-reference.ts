import { readFileSync, writeFileSync } from 'node:fs';
import { settings } from '../config.ts';

/**
 * The README's configuration reference, generated from the typed `settings` table so the two cannot drift.
 *
 *   npx tsx src/server/cli/config-reference.ts                    prints the markdown table
 *   npx tsx src/server/cli/config-reference.ts --write README.md  replaces the text between the markers
 */
export const START = '<!-- config-reference:start -->';
export const END = '<!-- config-reference:end -->';
export const WRITE_COMMAND = 'npx tsx src/server/cli/config-reference.ts --write README.md';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** Single-token defaults are shown as code; prose (spaces or its own code spans) as written. */
function formatDefault(value: string): string {
  if (value === '') return '(empty)';
  if (/[\s`]/.test(value)) return cell(value);
  return `\`${cell(value)}\``;
}

export function configReference(): string {
  const rows = Object.entries(settings).map(([name, { default: fallback, doc }]) => `| \`${name}\` | ${formatDefault(fallback)} | ${cell(doc)} |`);
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

export class MissingMarkersError extends Error {
  override name = 'MissingMarkersError';
}

/** The text between the markers, or an error telling how to add them. */
export function section(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    throw new MissingMarkersError(`the README has no ${START} ... ${END} section: add both markers where the reference belongs, then run \`${WRITE_COMMAND}\``);
  }
  return readme.slice(start + START.length, end);
}

/** The README with the section between the markers replaced by the generated table. */
export function withReference(readme: string): string {
  const current = section(readme);
  const at = readme.indexOf(START) + START.length;
  return readme.slice(0, at) + `\n${configReference()}\n` + readme.slice(at + current.length);
}

function main(argv: string[]): number {
  if (argv.length === 0) {
    console.log(configReference());
    return 0;
  }
  const [flag, file] = argv;
  if (flag !== '--write' || !file || argv.length > 2) {
    console.error('usage: config-reference.ts [--write README.md]');
    return 2;
  }
  try {
    const readme = readFileSync(file, 'utf8');
    const updated = withReference(readme);
    if (updated !== readme) writeFileSync(file, updated);
    console.error(updated === readme ? `${file}: configuration reference already up to date` : `${file}: configuration reference updated`);
    return 0;
  } catch (error) {
    console.error(`config-reference: ${file}: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2));
}
