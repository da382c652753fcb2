import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startEndpoint, TOKEN } from '../support/endpoint.ts';

const INSTALL = 'python3 -m pip install -r test/authentik/requirements.txt';

/** The installed schemathesis version, or a failure that says how to install it. */
function schemathesisVersion(): string {
  const probe = spawnSync('python3', ['-c', 'import importlib.metadata as m; print(m.version("schemathesis"))'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`schemathesis (PyPI) is needed to fuzz /openapi.json and is not installed for python3. Install it with:\n  ${INSTALL}\n(or run: bash test/setup/prerequisites.sh)`);
  }
  return probe.stdout.trim();
}

describe('the OpenAPI document, fuzzed by schemathesis against the running endpoint', () => {
  it('finds no server error and no answer that contradicts /openapi.json', { timeout: 90_000 }, async (t) => {
    const version = schemathesisVersion();
    assert.match(version, /^4\./, `the schemathesis 4 CLI is expected, found ${version}; ${INSTALL}`);
    const endpoint = await startEndpoint('sharp');
    // schemathesis keeps its example database in the working folder: keep it out of the repository.
    const workdir = await mkdtemp(join(tmpdir(), 'schemathesis-'));
    t.after(async () => {
      await endpoint.close();
      await rm(workdir, { recursive: true, force: true });
    });

    const args = [
      '-m', 'schemathesis.cli', 'run', `${endpoint.url}/openapi.json`,
      '--header', `Authorization: Bearer ${TOKEN}`,
      // Every check but positive_data_acceptance: no schema can say which strings are images, so a
      // schema-valid upload that is not an image is rightly refused with a 4xx.
      '--checks', 'all',
      '--exclude-checks', 'positive_data_acceptance',
      '--max-examples', '50',
      '--request-timeout', '10',
      '--workers', '2',
    ];
    const run = await promisify(execFile)('python3', args, { cwd: workdir, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 }).then(
      ({ stdout }) => ({ passed: true, output: stdout }),
      (error: { stdout?: string; stderr?: string }) => ({ passed: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
    );
    assert.ok(run.passed, `schemathesis ${version} found problems:\n${run.output}`);
    assert.doesNotMatch(run.output, /\d+ errors?\b/, run.output);
    assert.match(run.output, /\d+ generated, \d+ passed/, run.output);
  });
});
