import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { settings } from '../../src/server/config.ts';
import { configReference, END, section, START, withReference, WRITE_COMMAND } from '../../src/server/cli/config-reference.ts';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

describe('configuration reference', () => {
  it('has one row per setting, in the order of the settings table, with its default and documentation', () => {
    const rows = configReference().split('\n').slice(2);
    assert.deepEqual(
      rows.map((row) => /^\| `(\w+)` \|/.exec(row)?.[1]),
      Object.keys(settings),
    );
    assert.ok(rows.includes(`| \`PORT\` | \`${settings.PORT.default}\` | ${settings.PORT.doc} |`));
    assert.ok(rows.every((row) => row.split(/(?<!\\)\|/).length === 5), 'a pipe inside a cell is escaped');
  });

  it('replaces only the text between the markers', () => {
    const readme = `# Title\n\n${START}\nold table\n${END}\n\nAfter.\n`;
    assert.equal(withReference(readme), `# Title\n\n${START}\n${configReference()}\n${END}\n\nAfter.\n`);
    assert.equal(withReference(withReference(readme)), withReference(readme), 'writing twice changes nothing');
  });

  it('says how to fix a README without markers', () => {
    assert.throws(() => section('# No markers here\n'), (error: Error) => error.message.includes(WRITE_COMMAND));
  });

  it('is what the README shows', () => {
    assert.ok(existsSync(README), `README.md is missing: create it with a configuration section, then run \`${WRITE_COMMAND}\``);
    const current = section(readFileSync(README, 'utf8'));
    assert.equal(current, `\n${configReference()}\n`, `the README's configuration reference is stale: run \`${WRITE_COMMAND}\``);
  });
});
