import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/server/config.ts';

describe('configuration', () => {
  it('runs on embedded defaults: sharp, 127.0.0.1:8080, a generated token', () => {
    const config = loadConfig({});
    assert.equal(config.processor, 'sharp');
    assert.equal(config.publicUrl, 'http://127.0.0.1:8080');
    assert.equal(config.outputSize, 1024);
    assert.equal(config.tokenGenerated, true);
    assert.ok(config.token.length >= 24);
  });

  it('switches to imgproxy when IMGPROXY_URL is set', () => {
    const config = loadConfig({ IMGPROXY_URL: 'http://127.0.0.1:9000/', IMGPROXY_KEY: 'aa', IMGPROXY_SALT: 'bb' });
    assert.equal(config.processor, 'imgproxy');
    assert.equal(config.imgproxy?.url, 'http://127.0.0.1:9000');
    assert.equal(config.imgproxy?.sourceUrl, 'http://127.0.0.1:8081');
  });

  const refusals: [string, Record<string, string>, RegExp][] = [
    ['a port that is not a number', { PORT: 'eighty' }, /^PORT=/],
    ['an unknown processor', { PROCESSOR: 'gimp' }, /^PROCESSOR=/],
    ['imgproxy without a key', { PROCESSOR: 'imgproxy', IMGPROXY_URL: 'http://x:1', IMGPROXY_SALT: 'aa' }, /IMGPROXY_KEY is required/],
    ['imgproxy without a salt', { IMGPROXY_URL: 'http://x:1', IMGPROXY_KEY: 'aa' }, /IMGPROXY_SALT is required/],
    ['a key that is not hex', { IMGPROXY_URL: 'http://x:1', IMGPROXY_KEY: 'zz', IMGPROXY_SALT: 'aa' }, /^IMGPROXY_KEY=/],
    ['production without a token', { NODE_ENV: 'production' }, /AVATARS_TOKEN is required/],
    ['a short token', { AVATARS_TOKEN: 'short' }, /^AVATARS_TOKEN=/],
    ['an output size out of range', { OUTPUT_SIZE: '10' }, /^OUTPUT_SIZE=/],
    ['a public URL that is not http', { PUBLIC_URL: 'ftp://example.org' }, /^PUBLIC_URL=/],
  ];
  for (const [what, env, message] of refusals) {
    it(`refuses to start with ${what}, naming the variable`, () => {
      assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && message.test(error.message));
    });
  }
});
