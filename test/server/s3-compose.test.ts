import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { loadConfig } from '../../src/server/config.ts';

/** No Docker engine runs here: the S3 compose example is held to the endpoint's configuration instead. */
const DEPLOY = fileURLToPath(new URL('../../src/authentik/deploy/', import.meta.url));
const compose = parse(readFileSync(join(DEPLOY, 'compose-2026-s3.yaml'), 'utf8')) as {
  services: Record<string, { environment?: Record<string, string>; ports?: string[]; networks?: string[]; deploy?: { replicas?: number } }>;
  networks: Record<string, { internal?: boolean }>;
};
const SAMPLE: Record<string, string> = { AVATARS_PUBLIC_URL: 'https://avatars.example.org', AVATARS_TOKEN: 'a'.repeat(64), S3_ACCESS_KEY_ID: 'avatars', S3_SECRET_ACCESS_KEY: 'b'.repeat(64) };
/** What compose substitutes for `${NAME}` and `${NAME:?message}`, given the sample env file. */
const substitute = (value: string) => {
  if (!value.startsWith('${') || !value.endsWith('}')) return value;
  const name = value.slice(2, -1).split(':')[0]!;
  assert.ok(name in SAMPLE, `${name} has no sample value`);
  return SAMPLE[name]!;
};

describe('compose-2026-s3.yaml: two avatars replicas on SeaweedFS', () => {
  const avatars = compose.services.avatars!;
  const environment = Object.fromEntries(Object.entries(avatars.environment ?? {}).map(([name, value]) => [name, substitute(String(value))]));

  it('gives the endpoint a configuration it accepts, storing on the SeaweedFS service', () => {
    const config = loadConfig({ NODE_ENV: 'production', ...environment });
    assert.equal(config.storage.kind, 's3');
    assert.ok(config.storage.kind === 's3' && new URL(config.storage.endpoint!).hostname === 'seaweedfs');
    assert.ok(compose.services.seaweedfs, 'a seaweedfs service exists');
  });

  it('runs two replicas without host ports, with the processor inside each replica', () => {
    assert.equal(avatars.deploy?.replicas, 2);
    assert.equal(avatars.ports, undefined);
    assert.equal(environment.PROCESSOR, 'sharp');
  });

  it('keeps SeaweedFS on the internal network only, without published ports', () => {
    const seaweedfs = compose.services.seaweedfs!;
    assert.equal(seaweedfs.ports, undefined);
    for (const network of seaweedfs.networks ?? []) assert.equal(compose.networks[network]?.internal, true, `${network} must be internal`);
  });
});
