import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/server/config.ts';

const S3 = { STORAGE: 's3', S3_ENDPOINT: 'http://127.0.0.1:8333', S3_BUCKET: 'avatars', S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: 'secret' };

describe('storage settings', () => {
  it('stores in the DATA_DIR folder unless told otherwise', () => {
    assert.equal(loadConfig({}).storage.kind, 'file');
  });

  it('reads a complete S3 configuration, path-style by default for a custom endpoint', () => {
    const { storage } = loadConfig({ ...S3, S3_PREFIX: '/tenant-a//avatars' });
    assert.deepEqual(storage, {
      kind: 's3', endpoint: 'http://127.0.0.1:8333', region: 'us-east-1', bucket: 'avatars', prefix: 'tenant-a/avatars/',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' }, forcePathStyle: true, timeoutMs: 5000, cacheMaxAgeMs: 60_000, storeVariants: true,
    });
  });

  it('uses virtual-host addressing and the SDK credential chain on AWS itself', () => {
    const { storage } = loadConfig({ STORAGE: 's3', S3_BUCKET: 'avatars' });
    assert.ok(storage.kind === 's3');
    assert.equal(storage.endpoint, undefined);
    assert.equal(storage.forcePathStyle, false);
    assert.equal(storage.credentials, undefined);
  });

  const refusals: Array<[string, Record<string, string>, RegExp]> = [
    ['an unknown backend', { STORAGE: 'ftp' }, /STORAGE="ftp" is invalid/],
    ['no bucket', { ...S3, S3_BUCKET: '' }, /S3_BUCKET is required when STORAGE=s3/],
    ['a bucket name S3 refuses', { ...S3, S3_BUCKET: 'My_Bucket' }, /S3_BUCKET="My_Bucket" is invalid/],
    ['a key id without its secret', { ...S3, S3_SECRET_ACCESS_KEY: '' }, /S3_SECRET_ACCESS_KEY is required too/],
    ['a secret without its key id', { ...S3, S3_ACCESS_KEY_ID: '' }, /S3_ACCESS_KEY_ID is required too/],
    ['an endpoint that is no http(s) URL', { ...S3, S3_ENDPOINT: 'seaweedfs:8333' }, /S3_ENDPOINT="seaweedfs:8333" is invalid/],
    ['a prefix that climbs out', { ...S3, S3_PREFIX: '../other' }, /S3_PREFIX="..\/other" is invalid/],
    ['path style that is not a boolean', { ...S3, S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE="yes" is invalid/],
    ['an unbounded timeout', { ...S3, S3_TIMEOUT_MS: '0' }, /S3_TIMEOUT_MS="0" is invalid/],
    ['a cache age that is no duration', { ...S3, S3_CACHE_MAX_AGE: 'soon' }, /S3_CACHE_MAX_AGE="soon" is invalid/],
  ];
  for (const [what, env, message] of refusals) {
    it(`refuses to start with ${what}, naming the variable`, () => {
      assert.throws(() => loadConfig(env), message);
    });
  }
});
